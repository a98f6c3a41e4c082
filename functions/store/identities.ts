/** Accounts of outside identities: the account under the identity's id, or the account an operator linked it to. */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { User } from '../model';
import { batchGet, keyId } from './batch';
import { documentClient, tableName } from './client';
import { type IdentityLink, identityKeys, identityLinkCodec } from './entities/identity';
import { userCodec } from './items';
import { keys } from './keys';
import { getUser } from './users';

/**
 * The account an identity acts as: its own (one BatchGetItem with the link's key), or, when an
 * operator linked it, the linked account (a second read, for linked identities only).
 */
export async function findIdentityAccount(identityId: string): Promise<User | undefined> {
  const userKey = keys.user(identityId);
  const linkKey = identityKeys.identityLink(identityId);
  const found = await batchGet([userKey, linkKey]);
  const own = found.get(keyId(userKey));
  if (own) return userCodec.decode(own);
  const link = found.get(keyId(linkKey));
  return link ? getUser(identityLinkCodec.decode(link).userId) : undefined;
}

/** Links an identity to an existing account (an operator's act; replaces an earlier link). */
export async function putIdentityLink(link: IdentityLink): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName, Item: identityLinkCodec.encode(link) }));
}

import { ServiceError } from '../errors';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type GroupSecrets, newMultiMemberGroup } from '../lib/ed25519-group';
import { tableSchema } from './table-schema';
import { batchGet, keyId, putIfAbsent, type TransactItem, transactWriteWithRetry } from './batch';
import { documentClient, tableName } from './client';
import { keys } from './keys';
import type { UserRef } from './users';

/** A Berty group as stored: the four fields of its `Group` message, bytes in standard base64. */
export interface StoredBertyGroup {
  publicKey: string;
  secret: string;
  secretSig: string;
  groupType: 'GroupTypeMultiMember';
  createdAt: string;
  membersCount: number;
}

const memberPut = (group: GroupSecrets, user: UserRef, now: string): TransactItem =>
  putIfAbsent({
    ...keys.bertyGroupMember(group.publicKey, user._id),
    gsi1pk: keys.userMembershipsIndex(user._id),
    gsi1sk: keys.bertyGroupIndexSort(group.publicKey),
    user: { _id: user._id, username: user.username },
    joinedAt: now,
  });

/**
 * Registers a group (if new) and adds members, in one transaction; each membership is
 * conditional on being absent. Returns false if any of them was a member already.
 */
export async function addBertyGroupMembers(group: GroupSecrets, members: UserRef[]): Promise<boolean> {
  const now = new Date().toISOString();
  const outcome = await transactWriteWithRetry([
    {
      Update: {
        TableName: tableName,
        Key: keys.bertyGroup(group.publicKey),
        UpdateExpression:
          'SET publicKey = if_not_exists(publicKey, :publicKey), secret = if_not_exists(secret, :secret), ' +
          'secretSig = if_not_exists(secretSig, :secretSig), groupType = :groupType, ' +
          'createdAt = if_not_exists(createdAt, :now) ADD membersCount :count',
        ExpressionAttributeValues: {
          ':publicKey': group.publicKey.toString('base64'),
          ':secret': group.secret.toString('base64'),
          ':secretSig': group.secretSig.toString('base64'),
          ':groupType': 'GroupTypeMultiMember',
          ':now': now,
          ':count': members.length,
        },
      },
    },
    ...members.map((member) => memberPut(group, member, now)),
  ]);
  if (outcome.committed) return true;
  if (outcome.reasons.slice(1).includes('ConditionalCheckFailed')) return false;
  throw new ServiceError('bad_gateway', `DynamoDB cancelled the group transaction: ${outcome.reasons.join(', ')}`);
}

/** The stored group, but only for one of its members (one BatchGetItem of group and membership). */
export async function readBertyGroupForMember(publicKey: Buffer, userId: string): Promise<StoredBertyGroup | undefined> {
  const groupKey = keys.bertyGroup(publicKey);
  const memberKey = keys.bertyGroupMember(publicKey, userId);
  const items = await batchGet([groupKey, memberKey]);
  const group = items.get(keyId(groupKey));
  if (!group || !items.has(keyId(memberKey))) return undefined;
  return {
    publicKey: String(group.publicKey),
    secret: String(group.secret),
    secretSig: String(group.secretSig),
    groupType: 'GroupTypeMultiMember',
    createdAt: String(group.createdAt),
    membersCount: Number(group.membersCount),
  };
}

/** A new group with the given members, the first being its creator (admin CLI, demo data). */
export async function createBertyGroup(members: UserRef[]): Promise<Buffer> {
  const group = newMultiMemberGroup();
  await addBertyGroupMembers(group, members);
  return group.publicKey;
}

/** The public keys of the Berty groups a user belongs to (gsi1). */
export async function listBertyGroupsOfUser(userId: string): Promise<Buffer[]> {
  const result = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: tableSchema.globalSecondaryIndexes[0].indexName,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.userMembershipsIndex(userId), ':prefix': keys.bertyGroupIndexPrefix() },
    }),
  );
  return (result.Items ?? []).map((item) => Buffer.from(String(item.gsi1sk).slice(keys.bertyGroupIndexPrefix().length), 'base64url'));
}

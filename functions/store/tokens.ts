/** Auth tokens, stored and looked up by SHA-256 hash only. */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { TtlCache } from '../lib/cache';
import { clock } from '../lib/clock';
import { hashToken, randomSecret } from '../lib/ids';
import type { User } from '../model';
import { cachePolicies } from '../policies';
import { batchGet, keyId } from './batch';
import { documentClient, tableName } from './client';
import { type TokenRecord, tokenCodec, userCodec } from './items';
import { keys } from './keys';

/** randomSecret(): 32 bytes in base64url. */
const SECRET_LENGTH = 43;

/**
 * A token names its user before its secret (`<user _id>.<256-bit secret>`), so that the token and
 * its user are read together in one round trip even by dialects that send no user id (the user
 * id is no secret: Rocket.Chat sends it in a header). Other tokens are still accepted, in two reads.
 */
const tokenFor = (userId: string) => `${userId}.${randomSecret()}`;

/** The user id a token names, if it has this service's shape (the lookup still checks the record). */
export function userIdInToken(authToken: string): string | undefined {
  const dot = authToken.lastIndexOf('.');
  return dot > 0 && authToken.length - dot - 1 === SECRET_LENGTH ? authToken.slice(0, dot) : undefined;
}

/** Issues a token for a user; only its SHA-256 hash is stored. Returns the clear token once. */
export async function createToken(userId: string, ttlSeconds?: number): Promise<string> {
  const authToken = tokenFor(userId);
  const token: TokenRecord = {
    tokenHash: hashToken(authToken),
    userId,
    createdAt: clock.iso(),
    ...(ttlSeconds ? { expiresAt: clock.nowSeconds() + ttlSeconds } : {}),
  };
  await documentClient.send(new PutCommand({ TableName: tableName, Item: tokenCodec.encode(token) }));
  return authToken;
}

export async function revokeToken(authToken: string): Promise<void> {
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.token(hashToken(authToken)),
      UpdateExpression: 'SET revoked = :true',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':true': true },
    }),
  );
}

const usable = (token: TokenRecord | undefined, nowSeconds: number): token is TokenRecord =>
  token !== undefined && !token.revoked && (token.expiresAt === undefined || token.expiresAt > nowSeconds);

const cache = new TtlCache<string, User>(cachePolicies.tokens);

/**
 * The user a token belongs to, or undefined for an unknown, revoked or expired token, or one
 * that belongs to another user than the one claimed (Rocket.Chat's X-User-Id, else the one the
 * token names). With a claimed user, token and user are read in one BatchGetItem; without (a
 * token of another shape), in two reads. Successful lookups are cached (cachePolicies.tokens),
 * never past the token's own expiry.
 */
export async function findUserByToken(authToken: string, claimedUserId = userIdInToken(authToken)): Promise<User | undefined> {
  const tokenHash = hashToken(authToken);
  const cacheKey = `${tokenHash}|${claimedUserId ?? ''}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const found = await lookUp(tokenHash, claimedUserId);
  if (found) cache.set(cacheKey, found.user, found.token.expiresAt ? found.token.expiresAt * 1000 : Infinity);
  return found?.user;
}

async function lookUp(tokenHash: string, claimedUserId?: string): Promise<{ user: User; token: TokenRecord } | undefined> {
  const tokenKey = keys.token(tokenHash);
  const nowSeconds = clock.nowSeconds();
  if (claimedUserId !== undefined) {
    const userKey = keys.user(claimedUserId);
    const items = await batchGet([tokenKey, userKey]);
    const tokenItem = items.get(keyId(tokenKey));
    const userItem = items.get(keyId(userKey));
    const token = tokenItem ? tokenCodec.decode(tokenItem) : undefined;
    if (!usable(token, nowSeconds) || token.userId !== claimedUserId || !userItem) return undefined;
    return { user: userCodec.decode(userItem), token };
  }
  const tokenResult = await documentClient.send(new GetCommand({ TableName: tableName, Key: tokenKey }));
  const token = tokenResult.Item ? tokenCodec.decode(tokenResult.Item) : undefined;
  if (!usable(token, nowSeconds)) return undefined;
  const userResult = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.user(token.userId) }));
  return userResult.Item ? { user: userCodec.decode(userResult.Item), token } : undefined;
}

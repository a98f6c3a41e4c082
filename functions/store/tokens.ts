import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { hashToken, randomSecret } from '../lib/ids';
import { batchGet, keyId } from './batch';
import { documentClient, tableName } from './client';
import { keys, stripLayout } from './keys';
import type { User } from './users';

interface TokenItem {
  userId: string;
  createdAt: string;
  /** Epoch seconds; absent means the token does not expire. Also the table's TTL attribute. */
  expiresAt?: number;
  revoked?: boolean;
}

/** Issues a token for a user; only its SHA-256 hash is stored. Returns the clear token once. */
export async function createToken(userId: string, ttlSeconds?: number): Promise<string> {
  const authToken = randomSecret();
  const item: TokenItem = {
    userId,
    createdAt: new Date().toISOString(),
    ...(ttlSeconds ? { expiresAt: Math.floor(Date.now() / 1000) + ttlSeconds } : {}),
  };
  await documentClient.send(
    new PutCommand({ TableName: tableName, Item: { ...keys.token(hashToken(authToken)), ...item } }),
  );
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

const usable = (token: TokenItem | undefined, nowSeconds: number) =>
  token !== undefined && !token.revoked && (token.expiresAt === undefined || token.expiresAt > nowSeconds);

const cacheTtlMs = Number(process.env.AUTH_CACHE_TTL_MS ?? 10_000);
const CACHE_MAX_ENTRIES = 5_000;
const cache = new Map<string, { user: User; until: number }>();

/**
 * The user a token belongs to, or undefined for an unknown, revoked or expired token, or one
 * that belongs to another user than `claimedUserId`. With a claimed user id (Rocket.Chat's
 * X-User-Id) token and user are read in one BatchGetItem; without, in two reads.
 * Successful lookups are cached per function instance for AUTH_CACHE_TTL_MS (10 s; 0 disables),
 * never past the token's own expiry: a warm invocation authenticates without a round trip, and
 * a revocation or role change takes effect within that time.
 */
export const findUserByToken = (authToken: string, claimedUserId?: string) =>
  findUserByTokenHash(hashToken(authToken), claimedUserId);

/** `findUserByToken` for a token already hashed (each request hashes its token once). */
export async function findUserByTokenHash(tokenHash: string, claimedUserId?: string): Promise<User | undefined> {
  const cacheKey = `${tokenHash}|${claimedUserId ?? ''}`;
  const cached = cache.get(cacheKey);
  if (cached && cached.until > Date.now()) return cached.user;
  const found = await lookUp(tokenHash, claimedUserId);
  if (found && cacheTtlMs > 0) {
    if (cache.size >= CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
    const until = Math.min(Date.now() + cacheTtlMs, found.token.expiresAt ? found.token.expiresAt * 1000 : Infinity);
    cache.set(cacheKey, { user: found.user, until });
  }
  return found?.user;
}

async function lookUp(tokenHash: string, claimedUserId?: string): Promise<{ user: User; token: TokenItem } | undefined> {
  const tokenKey = keys.token(tokenHash);
  const nowSeconds = Math.floor(Date.now() / 1000);
  if (claimedUserId !== undefined) {
    const userKey = keys.user(claimedUserId);
    const items = await batchGet([tokenKey, userKey]);
    const token = items.get(keyId(tokenKey)) as TokenItem | undefined;
    const user = items.get(keyId(userKey));
    if (!usable(token, nowSeconds) || token?.userId !== claimedUserId || !user) return undefined;
    return { user: stripLayout(user) as unknown as User, token: token! };
  }
  const tokenResult = await documentClient.send(new GetCommand({ TableName: tableName, Key: tokenKey }));
  const token = tokenResult.Item as TokenItem | undefined;
  if (!usable(token, nowSeconds)) return undefined;
  const userResult = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.user(token!.userId) }));
  return userResult.Item ? { user: stripLayout(userResult.Item) as unknown as User, token: token! } : undefined;
}

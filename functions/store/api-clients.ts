import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomId } from '../lib/ids';
import { documentClient, tableName } from './client';
import { keys } from './keys';

/** API clients identify the calling application (QuranReflect's `x-client-id`). */
export async function createApiClient(name: string, clientId = randomId(24)): Promise<{ clientId: string; name: string }> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.apiClient(clientId), clientId, name, createdAt: new Date().toISOString() },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return { clientId, name };
}

const cacheTtlMs = Number(process.env.AUTH_CACHE_TTL_MS ?? 10_000);
const known = new Map<string, number>();

/** Whether a client id is registered; a yes is cached like a token (AUTH_CACHE_TTL_MS). */
export async function apiClientExists(clientId: string): Promise<boolean> {
  if ((known.get(clientId) ?? 0) > Date.now()) return true;
  const result = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.apiClient(clientId), ProjectionExpression: 'pk' }),
  );
  if (result.Item === undefined) return false;
  if (cacheTtlMs > 0) {
    if (known.size >= 1_000) known.delete(known.keys().next().value!);
    known.set(clientId, Date.now() + cacheTtlMs);
  }
  return true;
}

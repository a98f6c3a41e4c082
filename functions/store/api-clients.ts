/** API clients identify the calling application (QuranReflect's `x-client-id`). */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { TtlCache } from '../lib/cache';
import { clock } from '../lib/clock';
import { randomId } from '../lib/ids';
import { cachePolicies } from '../policies';
import { documentClient, tableName } from './client';
import { keys } from './keys';

export async function createApiClient(name: string, clientId = randomId(24)): Promise<{ clientId: string; name: string }> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.apiClient(clientId), clientId, name, createdAt: clock.iso() },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
  return { clientId, name };
}

const known = new TtlCache<string, true>(cachePolicies.apiClients);

/** Whether a client id is registered; a yes is cached like a token (cachePolicies.apiClients). */
export async function apiClientExists(clientId: string): Promise<boolean> {
  if (known.get(clientId)) return true;
  const result = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.apiClient(clientId), ProjectionExpression: 'pk' }),
  );
  if (result.Item === undefined) return false;
  known.set(clientId, true);
  return true;
}

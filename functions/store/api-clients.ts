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

export async function apiClientExists(clientId: string): Promise<boolean> {
  const result = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.apiClient(clientId), ProjectionExpression: 'pk' }),
  );
  return result.Item !== undefined;
}

import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clock } from '../lib/clock';
import { expiryPolicies } from '../policies';
import { documentClient, tableName } from './client';
import { keys } from './keys';

export interface WindowCount {
  count: number;
  windowStart: number;
  /** When the window ends, epoch milliseconds. */
  resetAtMs: number;
}

/**
 * Counts one request in a fixed window with one atomic UpdateItem (ADD), so racing requests
 * never lose a count. DynamoDB TTL removes the window a minute after it ends.
 */
export async function countRequest(routeId: string, subject: string, windowSeconds: number, nowMs = clock.now()): Promise<WindowCount> {
  const windowStart = Math.floor(nowMs / 1000 / windowSeconds) * windowSeconds;
  const result = await documentClient.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.rateLimitWindow(routeId, subject, windowStart),
      UpdateExpression: 'ADD #count :one SET expiresAt = :expiresAt',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':one': 1, ':expiresAt': windowStart + windowSeconds + expiryPolicies.rateLimitWindowGraceSeconds },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return { count: Number(result.Attributes?.count ?? 1), windowStart, resetAtMs: (windowStart + windowSeconds) * 1000 };
}

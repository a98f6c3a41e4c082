/** Atomic counters that hand out consecutive integers (user numbers, group numbers): one UpdateItem `ADD`. */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client';
import type { TableKey } from './table-schema';

/** Adds `count` to the counter and returns its new value (the last number reserved). Not gated: a refused request leaves a gap. */
export async function nextNumber(counterKey: TableKey, count = 1): Promise<number> {
  const result = await documentClient.send(
    new UpdateCommand({
      TableName: tableName,
      Key: counterKey,
      UpdateExpression: 'ADD #value :count',
      ExpressionAttributeNames: { '#value': 'value' },
      ExpressionAttributeValues: { ':count': count },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(result.Attributes?.value);
}

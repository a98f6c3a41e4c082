/** Atomic counters that hand out consecutive integers (user numbers, group numbers): one UpdateItem `ADD`. */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { writeBeforeAdmission } from '../lib/request-gate';
import { documentClient, tableName } from './client';
import type { TableKey } from './table-schema';

/**
 * Adds `count` to the counter and returns its new value (the last number reserved). Taken before
 * the request is admitted, so the number overlaps the rate-limit count (one round trip fewer): a
 * refused request leaves a gap, as a failed create does.
 */
export async function nextNumber(counterKey: TableKey, count = 1): Promise<number> {
  const result = await writeBeforeAdmission('a number taken from a counter: a refused request leaves a gap', () =>
    documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: counterKey,
        UpdateExpression: 'ADD #value :count',
        ExpressionAttributeNames: { '#value': 'value' },
        ExpressionAttributeValues: { ':count': count },
        ReturnValues: 'UPDATED_NEW',
      }),
    ),
  );
  return Number(result.Attributes?.value);
}

import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ServiceError } from '../errors';
import { backoffMs, chunk, type Item, sleep } from './batch';
import { documentClient, tableName } from './client';

const BATCH_WRITE_LIMIT = 25;

/** Unconditional bulk puts (fixtures, seeding): 25 items a call, four calls at a time. */
export async function batchPut(items: Item[]): Promise<void> {
  const chunks = chunk(items, BATCH_WRITE_LIMIT);
  const workers = Array.from({ length: Math.min(4, chunks.length) }, async () => {
    for (let next = chunks.shift(); next; next = chunks.shift()) {
      let pending = next.map((Item) => ({ PutRequest: { Item } }));
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 8) throw new ServiceError('unavailable', 'DynamoDB left writes unprocessed after retries');
        if (attempt > 0) await sleep(backoffMs(attempt));
        const result = await documentClient.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] as typeof pending | undefined) ?? [];
      }
    }
  });
  await Promise.all(workers);
}

import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { RETRY, retry } from '../lib/retry';
import { retryPolicies } from '../policies';
import { chunk, type Item } from './batch';
import { documentClient, tableName } from './client';

const BATCH_WRITE_LIMIT = 25;

/** Unconditional bulk puts (fixtures, seeding): 25 items a call, four calls at a time. */
export async function batchPut(items: Item[]): Promise<void> {
  const chunks = chunk(items, BATCH_WRITE_LIMIT);
  const workers = Array.from({ length: Math.min(4, chunks.length) }, async () => {
    for (let next = chunks.shift(); next; next = chunks.shift()) {
      let pending = next.map((Item) => ({ PutRequest: { Item } }));
      await retry(retryPolicies.unprocessedWrites, async () => {
        const result = await documentClient.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (result.UnprocessedItems?.[tableName] as typeof pending | undefined) ?? [];
        return pending.length > 0 ? RETRY : undefined;
      });
    }
  });
  await Promise.all(workers);
}

import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { admitted } from '../lib/request-gate';
import { RETRY, retry } from '../lib/retry';
import { retryPolicies } from '../policies';
import { chunk, type Item } from './batch';
import { documentClient, tableName } from './client';

const BATCH_WRITE_LIMIT = 25;

/**
 * Unconditional bulk puts: 25 items a call, `concurrency` calls at a time (four for fixtures and
 * seeding, which DynamoDB Local serves slowly; a request's writes go all at once). Waits for the
 * request's admission first (lib/request-gate.ts).
 */
export async function batchPut(items: Item[], concurrency = 4): Promise<void> {
  await admitted();
  const chunks = chunk(items, BATCH_WRITE_LIMIT);
  const workers = Array.from({ length: Math.min(concurrency, chunks.length) }, async () => {
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

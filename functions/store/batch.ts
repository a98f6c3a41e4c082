/**
 * Batched reads and transactional writes within DynamoDB's limits
 * (BatchGetItem: 100 keys; TransactWriteItems: 100 actions), retried by the shared retry helper.
 */
import { BatchGetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ServiceError } from '../errors';
import { chunk } from '../lib/chunk';
import { admitted } from '../lib/request-gate';
import { RETRY, retry } from '../lib/retry';
import { countMetric } from '../observability/telemetry';
import { retryPolicies } from '../policies';
import { documentClient, tableName } from './client';
import type { TableKey } from './table-schema';

export const BATCH_GET_LIMIT = 100;
export const TRANSACTION_LIMIT = 100;

export type Item = Record<string, unknown>;
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export const keyId = (key: { pk: unknown; sk: unknown }): string => `${String(key.pk)}\u0000${String(key.sk)}`;

export { chunk } from '../lib/chunk';

/**
 * Reads any number of keys with BatchGetItem: de-duplicated, 100 keys a call, the calls issued
 * concurrently, unprocessed keys retried with backoff. Returns the found items by `keyId`.
 */
export async function batchGet(keys: readonly TableKey[], consistentRead = true): Promise<Map<string, Item>> {
  const unique = new Map(keys.map((key) => [keyId(key), { pk: key.pk, sk: key.sk }]));
  const found = new Map<string, Item>();
  await Promise.all(
    chunk([...unique.values()], BATCH_GET_LIMIT).map((keyChunk) => {
      let pending: Record<string, unknown>[] = keyChunk;
      return retry(retryPolicies.unprocessedKeys, async () => {
        const result = await documentClient.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: consistentRead } } }),
        );
        for (const item of result.Responses?.[tableName] ?? []) found.set(keyId(item as TableKey), item);
        pending = result.UnprocessedKeys?.[tableName]?.Keys ?? [];
        return pending.length > 0 ? RETRY : undefined;
      });
    }),
  );
  return found;
}

/** A transaction action that creates an item only if its key is free. */
export const putIfAbsent = (Item: Item): TransactItem => ({
  Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
});

/** A transaction action that deletes an item only if it is there (so a missing one cancels the transaction). */
export const deleteIfPresent = (Key: TableKey): TransactItem => ({
  Delete: { TableName: tableName, Key, ConditionExpression: 'attribute_exists(pk)' },
});

/** Why each action of a cancelled transaction failed (`None` for those that did not). */
export type TransactionOutcome = { committed: true } | { committed: false; reasons: string[] };

export async function transactWrite(items: TransactItem[]): Promise<TransactionOutcome> {
  if (items.length > TRANSACTION_LIMIT) throw new Error(`transaction of ${items.length} actions exceeds the limit`);
  // No write before the request is admitted (its rate limit); reads went ahead meanwhile.
  await admitted();
  try {
    await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
    return { committed: true };
  } catch (error) {
    if ((error as { name?: string }).name === 'TransactionCanceledException') {
      const reasons = ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map(
        (reason) => reason.Code ?? 'None',
      );
      return { committed: false, reasons };
    }
    throw error;
  }
}

/**
 * A transaction cancelled for a reason that is no answer (not a condition it set): a fault, never
 * read as "not a member" or "invalid token". Throttling → 503; anything else (validation, a
 * conflict that outlasted its retries, …) → 502. The dialect renders either in its envelope.
 */
export const unexpectedCancellation = (transaction: string, reasons: string[]) =>
  new ServiceError(
    reasons.some((reason) => THROTTLED.has(reason)) ? 'unavailable' : 'bad_gateway',
    `DynamoDB cancelled the ${transaction} transaction: ${reasons.join(', ')}`,
  );

/** Cancellation reason codes that mean the table was throttled. */
const THROTTLED = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

/** True when a cancelled transaction failed only because another one held its items. */
export const isContention = (reasons: string[]) =>
  reasons.some((reason) => reason === 'TransactionConflict') &&
  reasons.every((reason) => reason === 'TransactionConflict' || reason === 'None');

/** True when every action either passed or failed its own condition: the cancellation is an answer. */
export const onlyConditionsFailed = (reasons: string[]) =>
  reasons.every((reason) => reason === 'None' || reason === 'ConditionalCheckFailed');

/**
 * The one rule for transaction outcomes: retried with backoff while it only loses to racing
 * transactions on the same items (TransactionConflict; contention that outlasts the policy is a
 * 503); then either committed, or cancelled by the operation's own conditions — an answer, returned
 * for the caller to read (`reasons[i]` says which action's condition failed) — or cancelled for any
 * other reason, which is thrown (unexpectedCancellation): a failed write is never read as a "no".
 */
export const transactWriteWithRetry = (items: TransactItem[], transaction = 'write'): Promise<TransactionOutcome> =>
  retry(retryPolicies.transactionConflict, async () => {
    const outcome = await transactWrite(items);
    if (!outcome.committed && isContention(outcome.reasons)) {
      countMetric('ConflictRetries');
      return RETRY;
    }
    if (!outcome.committed && !onlyConditionsFailed(outcome.reasons)) throw unexpectedCancellation(transaction, outcome.reasons);
    return outcome;
  });

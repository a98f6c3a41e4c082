/** The benchmark's own DynamoDB Local and table, set up before any store module is imported. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { useLocalDynamoDb } from '../local/environment';
import { freePort } from '../test/support/free-port';

/** Rate limiting on (its counter is part of every request), with limits no benchmark reaches. */
export async function useUnreachedRateLimits(): Promise<void> {
  process.env.RATE_LIMIT = 'on';
  const { routes } = await import('../functions/routes');
  process.env.RATE_LIMIT_OVERRIDES = JSON.stringify(Object.fromEntries(routes.map((r) => [r.id, { limit: 1e9 }])));
}

export async function startBenchDatabase() {
  const dynamoDb = await startDynamoDbLocal({ port: await freePort() });
  process.env.TABLE_NAME = 'invites-bench';
  // The benchmark's events go to a file of its own, not the developer's .local/outbox.jsonl.
  const eventsDir = mkdtempSync(join(tmpdir(), 'invites-bench-'));
  process.env.EVENTS_OUTBOX = join(eventsDir, 'outbox.jsonl');
  // No request log lines or EMF on the benchmark's stdout (their cost is one JSON line per request).
  process.env.LOG_LEVEL ??= 'WARN';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  useLocalDynamoDb({ endpoint: dynamoDb.endpoint });
  const { dynamoDbClient, tableName } = await import('../functions/store/client');
  const { ensureTable } = await import('../local/table');
  await ensureTable(dynamoDbClient, tableName);
  // Stopping it removes the events folder too: a run leaves nothing in /tmp.
  return {
    ...dynamoDb,
    stop: async () => {
      await dynamoDb.stop();
      rmSync(eventsDir, { recursive: true, force: true });
    },
  };
}

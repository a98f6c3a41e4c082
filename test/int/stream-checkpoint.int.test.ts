/**
 * The local stream reader's checkpoint (a table kept with --data-dir): a reader started again goes
 * on after the last record it published, so no event is appended twice and none is skipped.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import type { EventEnvelope } from '../../functions/events/catalogue';
import { environmentDependencies, publishChanges } from '../../functions/handlers/stream/publish-changes';
import { dynamoDbClient, tableName } from '../../functions/store/client';
import { startStreamReader } from '../../local/stream-reader';
import * as fixtures from '../support/fixtures';

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function until(ready: () => boolean, what: string) {
  for (const deadline = Date.now() + 20_000; !ready(); await pause(25)) {
    if (Date.now() > deadline) throw new Error(`no ${what} after 20 s`);
  }
}

function reader(checkpointFile: string, startAt?: 'LATEST') {
  const events: EventEnvelope[] = [];
  const started = startStreamReader({
    dynamoDb: dynamoDbClient,
    endpoint: process.env.DYNAMODB_ENDPOINT!,
    tableName,
    checkpointFile,
    startAt,
    pollMs: 20,
    maxIdleMs: 50,
    publish: (records) => publishChanges(records, { put: async (batch) => void events.push(...batch) }, environmentDependencies()),
  });
  return { events, started };
}

const addedTo = (events: EventEnvelope[], roomId: string) =>
  events.filter((e) => e['detail-type'] === 'Member Added' && e.detail.roomId === roomId);

test('a reader started again with the checkpoint publishes only what came after it', async () => {
  const folder = mkdtempSync(resolve(tmpdir(), 'invites-checkpoint-'));
  const checkpointFile = resolve(folder, 'stream-position.json');
  const first = reader(checkpointFile, 'LATEST');
  const firstReader = await first.started;
  const owner = await fixtures.user();
  const before = await fixtures.channel({ owner });
  await until(() => addedTo(first.events, before._id).length === 1, 'first change');
  await firstReader.stop();
  expect(Object.keys(JSON.parse(readFileSync(checkpointFile, 'utf8'))).length).toBeGreaterThan(0);

  const after = await fixtures.channel({ owner });
  const second = reader(checkpointFile);
  const secondReader = await second.started;
  try {
    await until(() => addedTo(second.events, after._id).length === 1, 'the change made while no reader ran');
    // The first room's change was published before the stop: never again.
    expect(addedTo(second.events, before._id)).toEqual([]);
  } finally {
    await secondReader.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}, 60_000);

/**
 * Faults during a 1,000-user bulk invite, against this file's own DynamoDB Local (kept on disk so
 * it survives being killed) and an in-process API:
 * - DynamoDB Local is killed mid-invite: the reply is the 5xx envelope, what was written is whole
 *   users; once it is back, the same request converges on the state of an undisturbed run;
 * - throttling and timeouts injected on one transaction chunk: same.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../local/dynamodb-local';
import type { LocalServer } from '../../local/http-server';
import { faultBodies } from '../support/dialect-bodies';
import { freePort } from '../support/free-port';
import { request } from '../support/http';
import { captureLogs } from '../support/logs';

const dataDir = mkdtempSync(join(tmpdir(), 'invites-faults-'));
const port = await freePort();
let dynamoDb: DynamoDbLocal = await startDynamoDbLocal({ port, dataDir });
process.env.DYNAMODB_ENDPOINT = dynamoDb.endpoint;
process.env.TABLE_NAME = 'invites-faults';
process.env.RATE_LIMIT = 'off';
process.env.DYNAMODB_MAX_ATTEMPTS = '2';
// DynamoDB Local runs the concurrent chunks of one invite one after another, and just restarted it
// is cold: the last of them can wait several seconds (DynamoDB runs them in parallel).
process.env.DYNAMODB_REQUEST_TIMEOUT_MS = '10000';

const { dynamoDbClient, tableName, documentClient } = await import('../../functions/store/client');
const { ensureTable } = await import('../../local/table');
const { createUser, createUsersInBulk } = await import('../../functions/domain/users');
const { createToken } = await import('../../functions/store/tokens');
const { createRoom } = await import('../../functions/dialects/rocketchat/domain/rooms');
const { getRoom, listRoomMembers, listRoomMessages } = await import('../../functions/dialects/rocketchat/store/rocketchat-rooms');
const { startHttpServer } = await import('../../local/http-server');

let api: LocalServer;
beforeAll(async () => {
  await ensureTable(dynamoDbClient, tableName);
  api = await startHttpServer({ port: 0 });
});
afterAll(async () => {
  await api?.close();
  await dynamoDb.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function bulkSetup(label: string) {
  const owner = await createUser({ username: `${label}-owner-${Date.now()}` });
  const token = await createToken(owner._id);
  const room = await createRoom({ name: `${label}-${Date.now()}`, type: 'c', owner });
  const users = await createUsersInBulk(Array.from({ length: 1000 }, (_, i) => ({ username: `${label}-${Date.now()}-${i}` })));
  const invite = () =>
    request('POST', '/api/v1/channels.invite', {
      baseUrl: api.url,
      headers: { 'X-Auth-Token': token, 'X-User-Id': owner._id },
      body: { roomId: room._id, userIds: users.map((u) => u._id) },
    });
  return { room, invite };
}

/** What an undisturbed run leaves: the owner plus 1,000 members, 1,000 messages, counters to match. */
async function expectConverged(roomId: string) {
  const room = await getRoom(roomId);
  expect(room).toMatchObject({ usersCount: 1001, msgs: 1000 });
  const members = await listRoomMembers(roomId);
  expect(members).toHaveLength(1001);
  expect(new Set(members.map((m) => m.u._id)).size).toBe(1001);
  const messages = await listRoomMessages(roomId);
  expect(messages).toHaveLength(1000);
  expect(new Set(messages.map((m) => m.msg)).size).toBe(1000);
}

/**
 * The store's client, with the real send behind a stub: the stub only orders the calls (which
 * chunk goes before the kill) or injects what DynamoDB Local cannot produce on demand.
 */
let clientMock: ReturnType<typeof mockClient>;
beforeAll(() => {
  clientMock = mockClient(documentClient);
  clientMock.send.callThrough();
});
afterAll(() => clientMock.restore());
const realSend = (input: TransactWriteCommand['input']) =>
  (documentClient.constructor.prototype.send as (command: TransactWriteCommand) => Promise<unknown>).call(
    documentClient,
    new TransactWriteCommand(input),
  );
function passThrough() {
  clientMock.reset();
  clientMock.send.callThrough();
}

describe('DynamoDB Local killed in the middle of a bulk invite', () => {
  test('5xx envelope; whole users only; then the same request after recovery converges', async () => {
    captureLogs();
    const { room, invite } = await bulkSetup('kill');
    // The 21 chunks are sent at once. Five commit; the sixth is on its way when DynamoDB Local is
    // killed; the rest reach a dead server.
    const committed: Promise<unknown>[] = [];
    let kill!: (stopped: Promise<void>) => void;
    const killed = new Promise<Promise<void>>((resolve) => (kill = resolve));
    let transactions = 0;
    passThrough();
    clientMock.on(TransactWriteCommand).callsFake(async (input) => {
      transactions += 1;
      if (transactions <= 5) {
        const sent = realSend(input);
        committed.push(sent);
        return sent;
      }
      if (transactions === 6) {
        await Promise.all(committed);
        const sent = realSend(input);
        kill(dynamoDb.stop()); // SIGTERM, then SIGKILL after 3 s
        return sent;
      }
      await await killed;
      return realSend(input);
    });
    const failed = await invite();
    passThrough();
    expect([503, 504]).toContain(failed.status);
    expect(failed.json).toEqual(faultBodies.rocketchat![failed.status]);

    dynamoDb = await startDynamoDbLocal({ port, dataDir });
    const partial = (await getRoom(room._id))!;
    // Five chunks of 49, and the sixth only if it committed before the kill: whole chunks, and
    // every member counted has its message.
    expect([1 + 5 * 49, 1 + 6 * 49]).toContain(partial.usersCount);
    expect(partial.msgs).toBe(partial.usersCount - 1);
    expect(await listRoomMembers(room._id)).toHaveLength(partial.usersCount);

    const retried = await invite();
    expect(retried.status).toBe(200);
    expect(retried.json.channel).toMatchObject({ usersCount: 1001, msgs: 1000 });
    await expectConverged(room._id);
  });
});

describe('throttling and timeouts injected on one chunk', () => {
  test.each([
    ['throttled past the SDK retries', 'ProvisionedThroughputExceededException', 503],
    ['deadline exceeded', 'TimeoutError', 504],
  ])('%s: %s → %i once every other chunk settled, then the retry converges', async (_name, errorName, status) => {
    captureLogs();
    const { room, invite } = await bulkSetup(errorName.slice(0, 8).toLowerCase());
    passThrough();
    let transactions = 0;
    clientMock.on(TransactWriteCommand).callsFake(async (input) => {
      transactions += 1;
      if (transactions === 6) throw Object.assign(new Error('injected'), { name: errorName, $metadata: {} });
      return realSend(input);
    });
    const failed = await invite();
    passThrough();
    expect(failed.status).toBe(status);
    expect(failed.json).toEqual(faultBodies.rocketchat![status]);
    // The chunks run at once: all but the failed one (49 users) committed before the reply.
    expect(transactions).toBe(21);
    expect(await getRoom(room._id)).toMatchObject({ usersCount: 1 + 1000 - 49, msgs: 1000 - 49 });

    const retried = await invite();
    expect(retried.status).toBe(200);
    await expectConverged(room._id);
  });
});

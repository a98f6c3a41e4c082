/**
 * Upstream faults, injected into the real DynamoDB client (aws-sdk-client-mock stubs one command,
 * every other call goes through to DynamoDB Local): each maps onto its status in the Rocket.Chat
 * envelope, nothing leaks, and a failed invite leaves no partial write.
 */
import { BatchGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { showChannel } from '../../admin/commands';
import { findRoute } from '../../functions/routes';
import { documentClient } from '../../functions/store/client';
import { listRoomMessages } from '../../functions/store/rooms';
import { handler } from '../../functions/handlers/rocketchat/channels-invite';
import { buildContext, buildEvent } from '../../local/api-gateway-event';
import * as fixtures from '../support/fixtures';

const route = findRoute('rocketchat-channels-invite');
const clientMock = mockClient(documentClient);

const awsError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} (injected)`), { name, $fault: 'server', $metadata: {}, ...extra });

async function callInvite(headers: Record<string, string>, body: unknown) {
  const event = buildEvent(route, { method: 'POST', path: route.path, headers, body: JSON.stringify(body) });
  // Lambda hands a plain context; middy adds the fields the chain fills in.
  const result = await handler(event, buildContext(route) as Parameters<typeof handler>[1]);
  return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') };
}

let admin: fixtures.TestUser;
let invitee: fixtures.TestUser;
let room: Awaited<ReturnType<typeof fixtures.channel>>;

beforeAll(async () => {
  clientMock.reset();
  clientMock.send.callThrough();
  admin = await fixtures.admin();
  invitee = await fixtures.user();
  room = await fixtures.channel({ owner: admin });
});

afterEach(() => {
  clientMock.reset();
  clientMock.send.callThrough();
  vi.restoreAllMocks();
});

describe.each([
  ['throttling after the SDK retries', awsError('ProvisionedThroughputExceededException'), 503, 'Service unavailable'],
  ['request limit', awsError('RequestLimitExceeded'), 503, 'Service unavailable'],
  ['connection refused', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 503, 'Service unavailable'],
  ['deadline exceeded', awsError('TimeoutError'), 504, 'Gateway timeout'],
  ['DynamoDB 5xx', awsError('InternalServerError', { $metadata: { httpStatusCode: 500 } }), 502, 'Bad gateway'],
  ['an unparseable response', Object.assign(new Error('Deserialization error'), { $response: { statusCode: 200 } }), 502, 'Bad gateway'],
  ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')"), 500, 'Internal server error'],
])('%s', (_name, fault, status, message) => {
  test('on the write: mapped status, envelope without internals, no partial write', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    clientMock.on(TransactWriteCommand).rejects(fault);
    const response = await callInvite(admin.headers, { roomId: room._id, userId: invitee._id });
    expect(response).toEqual({ status, body: { success: false, error: message } });
    const logged = errors.mock.calls.map((call) => String(call[0])).join('\n');
    expect(logged).toContain('"requestId"');
    expect(logged).not.toContain(admin.authToken);

    const shown = await showChannel({ channel: room._id });
    expect(shown).toMatchObject({ usersCount: 1, msgs: 0 });
    expect(shown.members.map((m) => m._id)).toEqual([admin._id]);
    expect(await listRoomMessages(room._id)).toEqual([]);
  });

  test('on the authentication read: same mapping', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    clientMock.on(BatchGetCommand).rejects(fault);
    expect(await callInvite(admin.headers, { roomId: room._id, userId: invitee._id })).toEqual({
      status,
      body: { success: false, error: message },
    });
  });
});

test('a transaction lost to contention is retried until it commits', async () => {
  const other = await fixtures.user();
  const conflict = awsError('TransactionCanceledException', {
    CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }, { Code: 'None' }],
  });
  let calls = 0;
  clientMock.on(TransactWriteCommand).callsFake(async (input) => {
    calls += 1;
    if (calls <= 2) throw conflict;
    clientMock.reset();
    clientMock.send.callThrough();
    return documentClient.send(new TransactWriteCommand(input));
  });
  const response = await callInvite(admin.headers, { roomId: room._id, userId: other._id });
  expect(response.status).toBe(200);
  expect(calls).toBe(3);
  expect(response.body.channel).toMatchObject({ usersCount: 2, msgs: 1 });
});

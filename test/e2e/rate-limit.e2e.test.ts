/**
 * Rate limits over HTTP, with limits on (3 per day-long window). The server runs in this process
 * on a clock set to noon UTC (and moving from there), so no window turns over mid-test whatever
 * the time of day. Each test speaks from its own loopback address, i.e. as its own client IP.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { clock, setClock } from '../../functions/lib/clock';
import type { LocalServer } from '../../local/http-server';
import * as fixtures from '../support/fixtures';
import { startInProcessApi } from '../support/in-process-api';
import { type ApiResponse, request } from '../support/http';

let server: LocalServer;
let restoreClock: () => void;

beforeAll(async () => {
  const noon = Math.floor(Date.now() / 86_400_000) * 86_400_000 + 43_200_000;
  const start = Date.now();
  restoreClock = setClock(() => noon + (Date.now() - start));
  process.env.RATE_LIMIT = 'on';
  process.env.RATE_LIMIT_OVERRIDES = JSON.stringify({
    'rocketchat-channels-invite': { limit: 3, windowSeconds: 86_400 },
    'quranreflect-groups-invite-user': { limit: 3, windowSeconds: 86_400 },
    'berty-multi-member-group-create': { limit: 3, windowSeconds: 86_400 },
    'rocketchat-validate-invite-token': { limit: 3, windowSeconds: 86_400 },
  });
  server = await startInProcessApi();
});
afterAll(async () => {
  await server?.close();
  restoreClock?.();
});

const channelsInvite = (from: string, headers: Record<string, string>, body: unknown) =>
  request('POST', '/api/v1/channels.invite', { baseUrl: server.url, localAddress: from, headers, body });

const rateHeaders = (response: ApiResponse) => ({
  limit: response.headers.get('x-ratelimit-limit'),
  remaining: response.headers.get('x-ratelimit-remaining'),
  reset: response.headers.get('x-ratelimit-reset'),
});

describe('Rocket.Chat: 3 per window per IP and route', () => {
  test('X-RateLimit-* on every checked response; the 4th call is a 429 with the upstream body', async () => {
    const owner = await fixtures.user();
    const room = await fixtures.channel({ owner });
    const users = await fixtures.manyUsers(4);
    const responses: ApiResponse[] = [];
    for (const user of users) responses.push(await channelsInvite('127.0.0.11', owner.headers, { roomId: room._id, userId: user._id }));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(responses.map((r) => rateHeaders(r).remaining)).toEqual(['2', '1', '0', '0']);
    const reset = Number(rateHeaders(responses[0]!).reset);
    expect(reset % 86_400_000).toBe(0);
    expect(reset).toBeGreaterThan(clock.now());
    expect(rateHeaders(responses[3]!).limit).toBe('3');
    const seconds = Math.ceil((reset - clock.now()) / 1000);
    expect(responses[3]!.json).toEqual({
      success: false,
      error: expect.stringMatching(
        /^Error, too many requests\. Please slow down\. You must wait \d+ seconds before trying this endpoint again\. \[error-too-many-requests\]$/,
      ),
    });
    const waited = Number(/wait (\d+) seconds/.exec(responses[3]!.json.error)![1]);
    expect(Math.abs(waited - seconds)).toBeLessThanOrEqual(2);
    // The refused call wrote nothing.
    const { showChannel } = await import('../../functions/dialects/rocketchat/admin');
    expect((await showChannel({ channel: room._id })).usersCount).toBe(4);
  });

  test('past the limit, the 429 outranks a validation or lookup error of the same request', async () => {
    const owner = await fixtures.user();
    for (let i = 0; i < 3; i++) await channelsInvite('127.0.0.17', owner.headers, { roomId: 'missing-room-id' });
    const badTypes = await channelsInvite('127.0.0.17', owner.headers, { roomId: 42, userIds: 'x' });
    expect(badTypes.status).toBe(429);
    const missingRoom = await channelsInvite('127.0.0.17', owner.headers, { roomId: 'missing-room-id' });
    expect(missingRoom.status).toBe(429);
    expect(rateHeaders(missingRoom)).toMatchObject({ limit: '3', remaining: '0' });
  });

  test('a 401 is never counted and carries no rate-limit headers', async () => {
    const owner = await fixtures.user();
    const room = await fixtures.channel({ owner });
    for (let i = 0; i < 5; i++) {
      const refused = await channelsInvite('127.0.0.12', { 'X-Auth-Token': 'bad', 'X-User-Id': owner._id }, { roomId: room._id });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('x-ratelimit-limit')).toBeNull();
    }
    const invitee = await fixtures.user();
    const response = await channelsInvite('127.0.0.12', owner.headers, { roomId: room._id, userId: invitee._id });
    expect(response.status).toBe(200);
    expect(rateHeaders(response).remaining).toBe('2');
  });

  test('api-bypass-rate-limit holders (admin) are neither limited nor counted', async () => {
    const admin = await fixtures.admin();
    const room = await fixtures.channel({ owner: admin });
    const users = await fixtures.manyUsers(5);
    for (const user of users) {
      const response = await channelsInvite('127.0.0.13', admin.headers, { roomId: room._id, userId: user._id });
      expect(response.status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBeNull();
    }
    const owner = await fixtures.user();
    const own = await fixtures.channel({ owner });
    const response = await channelsInvite('127.0.0.13', owner.headers, { roomId: own._id, userId: users[0]!._id });
    expect(rateHeaders(response).remaining).toBe('2');
  });

  test('errors after the check carry the headers too; clients on other IPs are unaffected', async () => {
    const owner = await fixtures.user();
    const response = await channelsInvite('127.0.0.14', owner.headers, { roomId: 'missing-room-id' });
    expect(response.status).toBe(400);
    expect(rateHeaders(response)).toMatchObject({ limit: '3', remaining: '2' });
    const elsewhere = await channelsInvite('127.0.0.15', owner.headers, { roomId: 'missing-room-id' });
    expect(rateHeaders(elsewhere).remaining).toBe('2');
  });

  test('10 racing calls with a limit of 3: exactly 3 pass (atomic counter)', async () => {
    const owner = await fixtures.user();
    const room = await fixtures.channel({ owner });
    const users = await fixtures.manyUsers(10);
    const responses = await Promise.all(
      users.map((user) => channelsInvite('127.0.0.16', owner.headers, { roomId: room._id, userId: user._id })),
    );
    expect(responses.filter((r) => r.status === 200)).toHaveLength(3);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(7);
  });
});

describe('QuranReflect: 3 per window per caller', () => {
  test('the 4th call of one caller is a 429 rate_limit_exceeded; another caller is unaffected', async () => {
    const client = await fixtures.clientId();
    const admin = await fixtures.user();
    const other = await fixtures.user();
    const group = await fixtures.group({ admin });
    const otherGroup = await fixtures.group({ admin: other });
    const invite = (caller: fixtures.TestUser, groupId: string) =>
      request('PUT', `/v1/groups/${groupId}/inviteUser`, {
        baseUrl: server.url,
        headers: fixtures.quranHeaders(caller, client),
        body: { email: `${fixtures.unique('rl')}@example.com` },
      });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await invite(admin, group.id)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await invite(admin, group.id);
    expect(limited.status).toBe(429);
    expect(limited.json).toEqual({
      message: expect.stringMatching(/^Too many requests, try again in \d+ seconds$/),
      type: 'rate_limit_exceeded',
      success: false,
    });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await invite(other, otherGroup.id)).status).toBe(200);
    const { listInvitations } = await import('../../functions/dialects/quranreflect/admin');
    expect((await listInvitations({ group: group.id })).invitations).toHaveLength(3);
  });
});

describe('Berty: 3 per window per caller', () => {
  test('the 4th call is ResourceExhausted (8 / 429)', async () => {
    const caller = await fixtures.user();
    const create = () =>
      request('POST', '/protocol/v1/MultiMemberGroupCreate', {
        baseUrl: server.url,
        headers: { authorization: `Bearer ${caller.authToken}` },
        body: {},
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await create());
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    const message = statuses[3]!.json.message;
    expect(message).toMatch(/^rate limit exceeded: try again in \d+ seconds$/);
    expect(statuses[3]!.json).toEqual({ error: message, code: 8, message });
  });
});

describe('validateInviteToken (no login): limited per client IP', () => {
  test('the 4th call from one address is a 429, with or without credentials; another address is unaffected', async () => {
    const validate = (from: string, headers: Record<string, string> = {}) =>
      request('POST', '/api/v1/validateInviteToken', { baseUrl: server.url, localAddress: from, headers, body: { token: 'nope' } });
    const caller = await fixtures.user();
    const statuses = [
      (await validate('127.0.0.31')).status,
      (await validate('127.0.0.31', caller.headers)).status,
      (await validate('127.0.0.31', { 'X-Auth-Token': 'made-up', 'X-User-Id': 'made-up' })).status,
      (await validate('127.0.0.31')).status,
    ];
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await validate('127.0.0.32')).status).toBe(200);
  });
});

describe('refused credentials and bypassing callers write nothing', () => {
  test('made-up tokens, and a valid token with an unknown client id: no count written, the owner keeps the budget', async () => {
    const { dynamoDbClient } = await import('../../functions/store/client');
    const { recordDynamoDbCalls } = await import('../../local/dynamodb-call-recorder');
    const recorder = recordDynamoDbCalls(dynamoDbClient);
    const owner = await fixtures.user();
    const client = await fixtures.clientId();
    const group = await fixtures.group({ admin: owner });
    const refused = await recorder.measure(() =>
      Promise.all([
        ...Array.from({ length: 20 }, (_, i) =>
          request('PUT', `/v1/groups/${group.id}/inviteUser`, {
            baseUrl: server.url,
            headers: { 'x-auth-token': `made-up-${i}`, 'x-client-id': client },
            body: { userId: 1 },
          }),
        ),
        ...Array.from({ length: 20 }, (_, i) =>
          request('POST', '/protocol/v1/MultiMemberGroupCreate', {
            baseUrl: server.url,
            headers: { authorization: `Bearer made-up-${i}` },
            body: {},
          }),
        ),
        ...Array.from({ length: 10 }, () =>
          request('PUT', `/v1/groups/${group.id}/inviteUser`, {
            baseUrl: server.url,
            headers: { 'x-auth-token': owner.authToken, 'x-client-id': 'no-such-client' },
            body: { email: `${fixtures.unique('x')}@example.com` },
          }),
        ),
      ]),
    );
    expect(refused.result.map((r) => r.status)).toEqual([...Array(20).fill(403), ...Array(20).fill(401), ...Array(10).fill(403)]);
    expect(refused.summary.byCommand.UpdateItem ?? 0).toBe(0);
    // The owner's budget (3 per window) is untouched by the 10 refused calls made with their token.
    const own = await request('PUT', `/v1/groups/${group.id}/inviteUser`, {
      baseUrl: server.url,
      headers: fixtures.quranHeaders(owner, client),
      body: { email: `${fixtures.unique('ok')}@example.com` },
    });
    expect(own.status).toBe(200);
  });

  test('an api-bypass-rate-limit holder: no count written at all', async () => {
    const { dynamoDbClient } = await import('../../functions/store/client');
    const { recordDynamoDbCalls } = await import('../../local/dynamodb-call-recorder');
    const recorder = recordDynamoDbCalls(dynamoDbClient);
    const admin = await fixtures.admin();
    const room = await fixtures.channel({ owner: admin });
    const [user] = await fixtures.manyUsers(1);
    await channelsInvite('127.0.0.41', admin.headers, { roomId: room._id, userIds: [] }); // warms token and grant caches
    const measured = await recorder.measure(() => channelsInvite('127.0.0.41', admin.headers, { roomId: room._id, userId: user!._id }));
    expect(measured.result.status).toBe(200);
    expect(measured.summary.byCommand.UpdateItem ?? 0).toBe(0);
  });
});

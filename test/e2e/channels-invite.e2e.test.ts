/**
 * POST /api/v1/channels.invite over real HTTP against the local service and DynamoDB Local,
 * case by case from functions/dialects/rocketchat/README.md ("What upstream Rocket.Chat does").
 */
import { describe, expect, test } from 'vitest';
import { removeChannelMember, setPermission, showChannel } from '../../functions/dialects/rocketchat/admin';
import { revokeToken } from '../../functions/store/tokens';
import { listRoomMessages } from '../../functions/dialects/rocketchat/store/rocketchat-rooms';
import * as fixtures from '../support/fixtures';
import { request } from '../support/http';
import { startInProcessApi } from '../support/in-process-api';

const PATH = '/api/v1/channels.invite';
const invite = (headers: Record<string, string>, body: unknown) => request('POST', PATH, { headers, body });

const NOT_LOGGED_IN = {
  success: false,
  error: 'You must be logged in to do this.',
  status: 'error',
  message: 'You must be logged in to do this.',
};
const ROOM_NOT_FOUND = {
  success: false,
  error: 'The required "roomId" or "roomName" param provided does not match any channel [error-room-not-found]',
  errorType: 'error-room-not-found',
};
const USERS_NOT_PROVIDED = {
  success: false,
  error: 'Please provide "userId" or "username" or "userIds" or "usernames" as param [error-users-params-not-provided]',
  errorType: 'error-users-params-not-provided',
};
const NOT_ALLOWED = {
  success: false,
  error: 'Not allowed [error-not-allowed]',
  errorType: 'error-not-allowed',
  details: { method: 'addUsersToRoom' },
};
const CHANNEL_KEYS = ['_id', 't', 'name', 'fname', 'msgs', 'usersCount', 'u', 'ts', 'ro', 'sysMes', 'default', '_updatedAt', 'lm'];

describe('authentication', () => {
  test('missing, partial, unknown, mismatched, revoked and expired credentials all get 401', async () => {
    const admin = await fixtures.admin();
    const other = await fixtures.user();
    const expired = await fixtures.tokenFor(admin._id, -60);
    const revoked = await fixtures.tokenFor(admin._id);
    await revokeToken(revoked);
    const body = { roomId: 'anything', userId: other._id };
    const cases: Record<string, string>[] = [
      {},
      { 'X-Auth-Token': admin.authToken },
      { 'X-User-Id': admin._id },
      { 'X-Auth-Token': 'not-a-token', 'X-User-Id': admin._id },
      { 'X-Auth-Token': admin.authToken, 'X-User-Id': other._id },
      { 'X-Auth-Token': revoked, 'X-User-Id': admin._id },
      { 'X-Auth-Token': expired, 'X-User-Id': admin._id },
    ];
    for (const headers of cases) {
      const response = await invite(headers, body);
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.json).toEqual(NOT_LOGGED_IN);
    }
  });

  test('header names are case-insensitive', async () => {
    const admin = await fixtures.admin();
    const invitee = await fixtures.user();
    const room = await fixtures.channel({ owner: admin });
    const response = await invite({ 'x-auth-token': admin.authToken, 'X-USER-ID': admin._id }, { roomId: room._id, userId: invitee._id });
    expect(response.status).toBe(200);
  });

  test('authentication is checked before params: wrong types without credentials is a 401', async () => {
    const response = await request('POST', PATH, { rawBody: '{"roomId": 42, "userIds": "x"}' });
    expect(response.status).toBe(401);
    expect(response.json).toEqual(NOT_LOGGED_IN);
  });

  test('the body is parsed before authentication (as a body parser does): bad JSON is a 400 either way', async () => {
    const response = await request('POST', PATH, { rawBody: '{not json' });
    expect(response.status).toBe(400);
    expect(response.json.error).toMatch(/^The request body is not valid JSON/);
  });
});

describe('room lookup', () => {
  test('no roomId or roomName', async () => {
    const admin = await fixtures.admin();
    const response = await invite(admin.headers, { userId: admin._id });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      success: false,
      error: 'The parameter "roomId" or "roomName" is required [error-roomid-param-not-provided]',
      errorType: 'error-roomid-param-not-provided',
    });
  });

  test('unknown roomId, unknown roomName, private group and direct room are "not found"', async () => {
    const admin = await fixtures.admin();
    const invitee = await fixtures.user();
    const privateRoom = await fixtures.channel({ owner: admin, type: 'p' });
    const directRoom = await fixtures.channel({ owner: admin, type: 'd' });
    for (const params of [
      { roomId: 'doesNotExist12345' },
      { roomName: 'no-such-room' },
      { roomId: privateRoom._id },
      { roomName: privateRoom.name },
      { roomId: directRoom._id },
    ]) {
      const response = await invite(admin.headers, { ...params, userId: invitee._id });
      expect(response.status, JSON.stringify(params)).toBe(400);
      expect(response.json).toEqual(ROOM_NOT_FOUND);
    }
    expect((await showChannel({ channel: privateRoom._id })).usersCount).toBe(1);
  });

  test('archived channel', async () => {
    const admin = await fixtures.admin();
    const invitee = await fixtures.user();
    const room = await fixtures.channel({ owner: admin, archived: true });
    const response = await invite(admin.headers, { roomId: room._id, userId: invitee._id });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      success: false,
      error: `The channel, ${room.name}, is archived [error-room-archived]`,
      errorType: 'error-room-archived',
    });
  });

  test('roomName finds the channel; roomId wins when both are sent; livechat rooms are accepted', async () => {
    const admin = await fixtures.admin();
    const [a, b, c] = [await fixtures.user(), await fixtures.user(), await fixtures.user()];
    const room = await fixtures.channel({ owner: admin });
    const other = await fixtures.channel({ owner: admin });
    const livechat = await fixtures.channel({ owner: admin, type: 'l' });

    const byName = await invite(admin.headers, { roomName: room.name, userId: a._id });
    expect(byName.status).toBe(200);
    expect(byName.json.channel._id).toBe(room._id);

    const both = await invite(admin.headers, { roomId: other._id, roomName: room.name, userId: b._id });
    expect(both.json.channel._id).toBe(other._id);
    expect(both.json.channel.usersCount).toBe(2);

    const live = await invite(admin.headers, { roomId: livechat._id, userId: c._id });
    expect(live.status).toBe(200);
    expect(live.json.channel.t).toBe('l');
  });
});

describe('user list', () => {
  test('no user param, empty list or blank values', async () => {
    const admin = await fixtures.admin();
    const room = await fixtures.channel({ owner: admin });
    for (const params of [{}, { userIds: [] }, { userId: '' }, { usernames: ['', '  '] }, { username: '@' }]) {
      const response = await invite(admin.headers, { roomId: room._id, ...params });
      expect(response.status, JSON.stringify(params)).toBe(400);
      expect(response.json).toEqual(USERS_NOT_PROVIDED);
    }
  });

  test('room is checked before the user list', async () => {
    const admin = await fixtures.admin();
    const response = await invite(admin.headers, { roomId: 'doesNotExist12345' });
    expect(response.json).toEqual(ROOM_NOT_FOUND);
  });

  test('no user resolves: the swapped failure body of upstream', async () => {
    const admin = await fixtures.admin();
    const room = await fixtures.channel({ owner: admin });
    const response = await invite(admin.headers, { roomId: room._id, userIds: ['nobody1', 'nobody2'], username: 'ghost' });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      success: false,
      error: 'invalid-user-invite-list',
      errorType: 'Cannot invite if no users are provided',
    });
  });

  test('users are matched by id and by username (case-insensitive, leading @), unknown ones skipped, the union de-duplicated', async () => {
    const admin = await fixtures.admin();
    const users = [];
    for (let i = 0; i < 5; i++) users.push(await fixtures.user());
    const [a, b, c, d, e] = users as [fixtures.TestUser, fixtures.TestUser, fixtures.TestUser, fixtures.TestUser, fixtures.TestUser];
    const room = await fixtures.channel({ owner: admin });
    const response = await invite(admin.headers, {
      roomId: room._id,
      userId: a._id,
      userIds: [a._id, b._id, 'unknown-id'],
      username: `@${c.username.toUpperCase()}`,
      usernames: [d.username, a.username, 'no-such-user'],
      user: e.username,
    });
    expect(response.status).toBe(200);
    expect(response.json.channel.usersCount).toBe(6);
    expect(response.json.channel.msgs).toBe(5);
    const shown = await showChannel({ channel: room._id });
    expect(shown.members.map((member) => member._id).sort()).toEqual([admin._id, ...users.map((u) => u._id)].sort());
  });
});

describe('permissions', () => {
  test('a plain user, member or not, is not allowed (400, not 403) and nothing is written', async () => {
    const owner = await fixtures.user();
    const member = await fixtures.user();
    const stranger = await fixtures.user();
    const invitee = await fixtures.user();
    const room = await fixtures.channel({ owner, members: [member] });
    for (const caller of [member, stranger]) {
      const response = await invite(caller.headers, { roomId: room._id, userId: invitee._id });
      expect(response.status).toBe(400);
      expect(response.json).toEqual(NOT_ALLOWED);
    }
    const shown = await showChannel({ channel: room._id });
    expect(shown.usersCount).toBe(2);
    expect(shown.msgs).toBe(0);
    expect(await listRoomMessages(room._id)).toEqual([]);
  });

  test('room owner and moderator (not admins) may invite into their channel', async () => {
    const owner = await fixtures.user();
    const moderator = await fixtures.user();
    const [a, b] = [await fixtures.user(), await fixtures.user()];
    const room = await fixtures.channel({ owner, moderators: [moderator] });
    expect((await invite(owner.headers, { roomId: room._id, userId: a._id })).status).toBe(200);
    const response = await invite(moderator.headers, { roomId: room._id, userId: b._id });
    expect(response.status).toBe(200);
    expect(response.json.channel.usersCount).toBe(4);
  });

  test('an admin who is not a member may invite into a public channel (add-user-to-any-c-room)', async () => {
    const owner = await fixtures.user();
    const admin = await fixtures.admin();
    const invitee = await fixtures.user();
    const room = await fixtures.channel({ owner });
    const response = await invite(admin.headers, { roomId: room._id, userId: invitee._id });
    expect(response.status).toBe(200);
    const messages = await listRoomMessages(room._id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ t: 'au', msg: invitee.username, u: { _id: admin._id, username: admin.username } });
  });

  test('stored permission grants override the defaults', async () => {
    // A role of its own, so no other test's callers are affected by the change.
    const role = fixtures.unique('inviter-role');
    const caller = await fixtures.user({ roles: ['user', role] });
    const invitee = await fixtures.user();
    const owner = await fixtures.user();
    const room = await fixtures.channel({ owner });
    expect((await invite(caller.headers, { roomId: room._id, userId: invitee._id })).json).toEqual(NOT_ALLOWED);
    await setPermission({ permission: 'add-user-to-any-c-room', roles: `admin,${role}` });
    try {
      expect((await invite(caller.headers, { roomId: room._id, userId: invitee._id })).status).toBe(200);
    } finally {
      await setPermission({ permission: 'add-user-to-any-c-room', roles: 'admin' });
    }
  });
});

describe('success', () => {
  test('upstream case: invite by userId adds one member, one au message, msgs + 1, re-read channel in the reply', async () => {
    const admin = await fixtures.admin();
    const invitee = await fixtures.user();
    const room = await fixtures.channel({ owner: admin });
    expect(room.msgs).toBe(0);
    const response = await invite(admin.headers, { roomId: room._id, userId: invitee._id });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('pragma')).toBe('no-cache');
    expect(Object.keys(response.json)).toEqual(['channel', 'success']);
    expect(response.json.success).toBe(true);
    const { channel } = response.json;
    expect(Object.keys(channel)).toEqual(CHANNEL_KEYS);
    expect(channel).toMatchObject({
      _id: room._id,
      t: 'c',
      name: room.name,
      fname: room.name,
      msgs: 1,
      usersCount: 2,
      u: { _id: admin._id, username: admin.username },
      ts: room.ts,
      ro: false,
      sysMes: true,
      default: false,
    });
    expect(Date.parse(channel._updatedAt)).toBeGreaterThanOrEqual(Date.parse(room._updatedAt));
    expect(channel.lm).toBe(channel._updatedAt);
    const messages = await listRoomMessages(room._id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ rid: room._id, t: 'au', msg: invitee.username, u: { _id: admin._id, username: admin.username } });
  });

  test('upstream cases: an existing member is a 200 no-op; after removal a new invite counts again', async () => {
    const admin = await fixtures.admin();
    const invitee = await fixtures.user();
    const room = await fixtures.channel({ owner: admin });
    const body = { roomId: room._id, userId: invitee._id };
    expect((await invite(admin.headers, body)).json.channel).toMatchObject({ msgs: 1, usersCount: 2 });
    const again = await invite(admin.headers, body);
    expect(again.status).toBe(200);
    expect(again.json.channel).toMatchObject({ msgs: 1, usersCount: 2 });

    await removeChannelMember({ channel: room._id, user: invitee._id });
    const reinvited = await invite(admin.headers, body);
    expect(reinvited.status).toBe(200);
    expect(reinvited.json.channel).toMatchObject({ msgs: 2, usersCount: 2 });
    expect(await listRoomMessages(room._id)).toHaveLength(2);
  });
});

describe('bulk and concurrency', () => {
  test('1,000 users in one request: every member added once, counters exact', async () => {
    const admin = await fixtures.admin();
    const room = await fixtures.channel({ owner: admin });
    const users = await fixtures.manyUsers(1000);
    const response = await invite(admin.headers, { roomId: room._id, userIds: users.map((u) => u._id) });
    expect(response.status).toBe(200);
    expect(response.json.channel).toMatchObject({ usersCount: 1001, msgs: 1000 });
    const shown = await showChannel({ channel: room._id });
    expect(new Set(shown.members.map((member) => member._id)).size).toBe(1001);
    expect(await listRoomMessages(room._id)).toHaveLength(1000);

    const again = await invite(admin.headers, { roomId: room._id, usernames: users.map((u) => u.username) });
    expect(again.json.channel).toMatchObject({ usersCount: 1001, msgs: 1000 });
  }, 120_000);

  test('more than 1,000 users is refused with a 400 and no write', async () => {
    const admin = await fixtures.admin();
    const room = await fixtures.channel({ owner: admin });
    const response = await invite(admin.headers, {
      roomId: room._id,
      userIds: Array.from({ length: 1001 }, (_, i) => `id${i}`),
    });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({ success: false, error: 'userIds: at most 1000 users can be invited at once' });
  });

  test('50 parallel invites into one room, overlapping users: exact usersCount and msgs, no duplicates', async () => {
    const admin = await fixtures.admin();
    const room = await fixtures.channel({ owner: admin });
    const pool = await fixtures.manyUsers(30);
    const picks = Array.from({ length: 50 }, (_, i) => [pool[i % 30]!, pool[(i * 7 + 3) % 30]!]);
    const responses = await Promise.all(picks.map((pair) => invite(admin.headers, { roomId: room._id, userIds: pair.map((u) => u._id) })));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    const shown = await showChannel({ channel: room._id });
    expect(shown.usersCount).toBe(31);
    expect(shown.msgs).toBe(30);
    expect(shown.members).toHaveLength(31);
    const messages = await listRoomMessages(room._id);
    expect(new Set(messages.map((m) => m.msg)).size).toBe(30);
    expect(messages).toHaveLength(30);
  }, 120_000);
});

describe('malformed input gets the 400 envelope', () => {
  test.each([
    ['invalid JSON', '{"roomId": ', /^The request body is not valid JSON( \(at position \d+\))?$/],
    ['a JSON array', '[]', /expected object, received array/],
    ['JSON null', 'null', /expected object, received null/],
    ['userIds not an array', '{"roomId":"x","userIds":"abc"}', /^userIds: .*expected array, received string/],
    ['userIds of numbers', '{"roomId":"x","userIds":[1,2]}', /^userIds\[0\]: .*expected string, received number/],
    ['roomId a number', '{"roomId":42,"userId":"x"}', /^roomId: .*expected string, received number/],
    ['a huge string', JSON.stringify({ roomId: 'x'.repeat(300), userId: 'y' }), /^roomId: /],
    ['deep nesting', `{"roomId":${'['.repeat(5000)}${']'.repeat(5000)}}`, /^roomId: /],
  ])('%s', async (_name, rawBody, message) => {
    const admin = await fixtures.admin();
    const response = await request('POST', PATH, { headers: admin.headers, rawBody });
    expect(response.status).toBe(400);
    expect(Object.keys(response.json)).toEqual(['success', 'error']);
    expect(response.json.success).toBe(false);
    expect(response.json.error).toMatch(message);
  });

  test('a body over the size cap', async () => {
    const admin = await fixtures.admin();
    const response = await request('POST', PATH, {
      headers: admin.headers,
      rawBody: JSON.stringify({ roomId: 'x', pad: 'p'.repeat(300 * 1024) }),
    });
    expect(response.status).toBe(400);
    expect(response.json).toEqual({
      success: false,
      error: 'The request body is larger than 262144 bytes [error-body-too-large]',
      errorType: 'error-body-too-large',
    });
  });

  test('__proto__ and constructor keys are inert, in the server that parsed them', async () => {
    // The shared service runs in another process; this server runs in this one, so its
    // Object.prototype is the one checked below.
    const server = await startInProcessApi();
    try {
      const admin = await fixtures.admin();
      const invitee = await fixtures.user();
      const room = await fixtures.channel({ owner: admin });
      const rawBody = `{"roomId":"${room._id}","userId":"${invitee._id}","__proto__":{"roomId":"evil","polluted":1},"constructor":{"prototype":{"x":1}}}`;
      const response = await request('POST', PATH, { headers: admin.headers, rawBody, baseUrl: server.url });
      expect(response.status).toBe(200);
      expect(response.json.channel._id).toBe(room._id);
      const probe = {} as Record<string, unknown>;
      expect([probe.roomId, probe.polluted, probe.x, Object.hasOwn(Object.prototype, 'polluted')]).toEqual([
        undefined,
        undefined,
        undefined,
        false,
      ]);
    } finally {
      await server.close();
    }
  });
});

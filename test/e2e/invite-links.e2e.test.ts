/**
 * Rocket.Chat invite links and groups.invite over HTTP against the local service, with exact
 * bodies (reference: functions/dialects/rocketchat/README.md); form-encoded bodies; Berty Leave.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, test } from 'vitest';
import { showChannel } from '../../functions/dialects/rocketchat/admin';
import { documentClient, tableName } from '../../functions/store/client';
import { keys } from '../support/table-keys';
import { hashToken } from '../../functions/lib/ids';
import { listRoomMessages } from '../../functions/dialects/rocketchat/store/rocketchat-rooms';
import * as fixtures from '../support/fixtures';
import { apiUrl, request } from '../support/http';
import { eventsOf, type OutboxEvent, outboxEvents, waitForEvents } from '../support/outbox';

const post = (path: string, user: fixtures.TestUser | undefined, body: unknown) =>
  request('POST', `/api/v1/${path}`, { headers: user?.headers ?? {}, body });
const form = (path: string, user: fixtures.TestUser, text: string) =>
  request('POST', `/api/v1/${path}`, { headers: { ...user.headers, 'content-type': 'application/x-www-form-urlencoded' }, rawBody: text });
const answer = async (promise: ReturnType<typeof request>) => {
  const response = await promise;
  return { status: response.status, json: response.json };
};
const meteor = (message: string, errorType: string, details?: unknown) => ({
  status: 400,
  json: { success: false, error: `${message} [${errorType}]`, errorType, ...(details ? { details } : {}) },
});

async function roomWithOwner(type: 'c' | 'p' = 'c') {
  const owner = await fixtures.user();
  const member = await fixtures.user();
  const room = await fixtures.channel({ owner, members: [member], type });
  return { owner, member, room };
}

describe('findOrCreateInvite', () => {
  test('the room owner makes a link; the same request reuses it; another maxUses makes another', async () => {
    const { owner, room } = await roomWithOwner();
    const first = await post('findOrCreateInvite', owner, { rid: room._id, days: 7, maxUses: 5 });
    expect(first.status).toBe(200);
    expect(Object.keys(first.json)).toEqual([
      '_id',
      'inviteToken',
      'days',
      'maxUses',
      'rid',
      'userId',
      'createdAt',
      'expires',
      'url',
      'uses',
      '_updatedAt',
      'success',
    ]);
    expect(first.json).toMatchObject({ days: 7, maxUses: 5, rid: room._id, userId: owner._id, uses: 0, success: true });
    // Upstream's split: a public id (16 hex digits) and a secret UUID token, which the URL carries.
    expect(first.json._id).toMatch(/^[\da-f]{16}$/);
    expect(first.json.inviteToken).toMatch(/^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
    expect(first.json.url).toBe(`${apiUrl()}/invite/${first.json.inviteToken}`);
    expect(Date.parse(first.json.expires) - Date.parse(first.json.createdAt)).toBe(7 * 86_400_000);
    const again = await post('findOrCreateInvite', owner, { rid: room._id, days: 7, maxUses: 5 });
    expect(again.json).toEqual(first.json);
    const other = await post('findOrCreateInvite', owner, { rid: room._id, days: 7, maxUses: 10 });
    expect(other.json._id).not.toBe(first.json._id);
    const never = await post('findOrCreateInvite', owner, { rid: room._id, days: 0, maxUses: 0 });
    expect(never.json.expires).toBeNull();
  });

  test('form-encoded, with days and maxUses as strings', async () => {
    const { owner, room } = await roomWithOwner();
    const response = await form('findOrCreateInvite', owner, `rid=${room._id}&days=15&maxUses=1`);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ days: 15, maxUses: 1, rid: room._id });
  });

  test.each([
    [
      'days 2',
      { days: 2, maxUses: 0 },
      meteor('Invite should expire in 1, 7, 15 or 30 days, or send 0 to never expire.', 'invalid-number-of-days'),
    ],
    [
      'maxUses 3',
      { days: 1, maxUses: 3 },
      meteor('Invite should be valid for 1, 5, 10, 25, 50, 100 or infinite (0) uses.', 'invalid-number-of-uses'),
    ],
    ['no days', { maxUses: 1 }, meteor("must have required property 'days'", 'invalid-params')],
    ['an extra property', { days: 1, maxUses: 1, foo: 1 }, meteor('must NOT have additional properties', 'invalid-params')],
  ])('%s', async (_name, body, expected) => {
    const { owner, room } = await roomWithOwner();
    expect(await answer(post('findOrCreateInvite', owner, { rid: room._id, ...body }))).toEqual(expected);
  });

  test('a plain member: not_authorized (a 400); an admin who is no member: error-invalid-room; a DM: not allowed', async () => {
    const { member, room } = await roomWithOwner();
    expect(await answer(post('findOrCreateInvite', member, { rid: room._id, days: 1, maxUses: 1 }))).toEqual({
      status: 400,
      json: { success: false, error: '[not_authorized]', errorType: 'not_authorized' },
    });
    const admin = await fixtures.admin();
    expect(await answer(post('findOrCreateInvite', admin, { rid: room._id, days: 1, maxUses: 1 }))).toEqual(
      meteor('The rid field is invalid', 'error-invalid-room', { method: 'findOrCreateInvite', field: 'rid' }),
    );
    const dm = await fixtures.channel({ owner: admin, type: 'd' });
    expect(await answer(post('findOrCreateInvite', admin, { rid: dm._id, days: 1, maxUses: 1 }))).toEqual(
      meteor('Cannot create invite links for this room type', 'error-room-type-not-allowed'),
    );
  });
});

describe('validateInviteToken, useInviteToken, listInvites, removeInvite', () => {
  test('validate needs no login; use adds the user once with a "uj" message; a member again counts nothing', async () => {
    const { owner, room } = await roomWithOwner();
    const link = (await post('findOrCreateInvite', owner, { rid: room._id, days: 1, maxUses: 5 })).json;
    expect(await answer(post('validateInviteToken', undefined, { token: link.inviteToken }))).toEqual({
      status: 200,
      json: { valid: true, success: true },
    });
    expect(await answer(post('validateInviteToken', undefined, { token: 'nope' }))).toEqual({
      status: 200,
      json: { valid: false, success: true },
    });
    expect(await answer(post('validateInviteToken', undefined, {}))).toEqual(
      meteor("must have required property 'token'", 'invalid-params'),
    );

    const joiner = await fixtures.user();
    expect(await answer(post('useInviteToken', joiner, { token: link.inviteToken }))).toEqual({
      status: 200,
      json: { room: { rid: room._id, fname: room.fname, name: room.name, t: 'c' }, success: true },
    });
    expect(await answer(post('useInviteToken', joiner, { token: link.inviteToken }))).toMatchObject({ status: 200 });
    const channel = await showChannel({ channel: room._id });
    expect(channel.usersCount).toBe(3);
    expect(channel.members.filter((m) => m._id === joiner._id)).toHaveLength(1);
    const joined = (await listRoomMessages(room._id)).filter((m) => m.t === 'uj');
    expect(joined).toEqual([expect.objectContaining({ t: 'uj', msg: joiner.username, u: { _id: joiner._id, username: joiner.username } })]);

    const admin = await fixtures.admin();
    const listed = await request('GET', '/api/v1/listInvites', { headers: admin.headers });
    expect(Array.isArray(listed.json)).toBe(true);
    // Upstream's management view: no token, no URL, the room's name.
    expect(listed.json.find((invite: { _id: string }) => invite._id === link._id)).toEqual({
      _id: link._id,
      _updatedAt: expect.any(String),
      rid: room._id,
      userId: owner._id,
      createdAt: link.createdAt,
      expires: link.expires,
      days: 1,
      maxUses: 5,
      uses: 1,
      roomName: room.fname,
    });
    expect(JSON.stringify(listed.json)).not.toContain(link.inviteToken);
    // The token is no id: removeInvite takes the public `_id` only.
    expect(await answer(request('DELETE', `/api/v1/removeInvite/${link.inviteToken}`, { headers: admin.headers }))).toEqual(
      meteor('Invalid Invitation _id', 'invalid-invitation-id', { method: 'removeInvite' }),
    );
    expect(await answer(post('useInviteToken', await fixtures.user(), { token: link._id }))).toMatchObject({
      status: 400,
      json: { errorType: 'error-invalid-token' },
    });
    expect(await answer(request('GET', '/api/v1/listInvites', { headers: owner.headers }))).toEqual({
      status: 400,
      json: { success: false, error: '[not_authorized]', errorType: 'not_authorized' },
    });
    expect(await answer(request('DELETE', `/api/v1/removeInvite/${link._id}`, { headers: admin.headers }))).toEqual({
      status: 200,
      json: true,
    });
    expect(await answer(request('DELETE', `/api/v1/removeInvite/${link._id}`, { headers: admin.headers }))).toEqual(
      meteor('Invalid Invitation _id', 'invalid-invitation-id', { method: 'removeInvite' }),
    );
    expect(await answer(post('useInviteToken', await fixtures.user(), { token: link.inviteToken }))).toEqual(
      meteor('The invite token is invalid.', 'error-invalid-token', { method: 'validateInviteToken', field: 'token' }),
    );
  });

  test('an expired link and a used-up link: error-invite-expired; validate says false', async () => {
    const { owner, room } = await roomWithOwner();
    const once = (await post('findOrCreateInvite', owner, { rid: room._id, days: 1, maxUses: 1 })).json;
    await post('useInviteToken', await fixtures.user(), { token: once.inviteToken });
    expect(await answer(post('useInviteToken', await fixtures.user(), { token: once.inviteToken }))).toEqual(
      meteor('The invite token has expired.', 'error-invite-expired', { method: 'validateInviteToken', field: 'maxUses' }),
    );
    const daily = (await post('findOrCreateInvite', owner, { rid: room._id, days: 1, maxUses: 0 })).json;
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.inviteLink(hashToken(daily.inviteToken)),
        UpdateExpression: 'SET expires = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );
    expect(await answer(post('useInviteToken', await fixtures.user(), { token: daily.inviteToken }))).toEqual(
      meteor('The invite token has expired.', 'error-invite-expired', { method: 'validateInviteToken', field: 'expires' }),
    );
    expect((await post('validateInviteToken', undefined, { token: daily.inviteToken })).json).toEqual({ valid: false, success: true });
  });

  test('12 concurrent users of a 5-use link: exactly 5 join, counters exact', async () => {
    const { owner, room } = await roomWithOwner();
    const link = (await post('findOrCreateInvite', owner, { rid: room._id, days: 1, maxUses: 5 })).json;
    const joiners = await Promise.all(Array.from({ length: 12 }, () => fixtures.user()));
    const responses = await Promise.all(joiners.map((joiner) => post('useInviteToken', joiner, { token: link.inviteToken })));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(5);
    expect(responses.filter((r) => r.status === 400).map((r) => r.json.errorType)).toEqual(Array(7).fill('error-invite-expired'));
    const channel = await showChannel({ channel: room._id });
    expect(channel).toMatchObject({ usersCount: 7, msgs: 5 });
    expect(channel.members).toHaveLength(7);
  });
});

describe('sendInvitationEmail', () => {
  test('one event per valid address; none valid, or no bulk-register-user: failure bodies without errorType', async () => {
    const admin = await fixtures.admin();
    const address = `${fixtures.unique('mail')}@example.com`;
    expect(await answer(post('sendInvitationEmail', admin, { emails: [address, 'not-an-address', address] }))).toEqual({
      status: 200,
      json: { success: true },
    });
    const requested = (events: OutboxEvent[]) =>
      events.filter((e) => e['detail-type'] === 'Invitation Email Requested' && e.detail.email === address);
    await waitForEvents((events) => requested(events).length > 0, 'Invitation Email Requested');
    expect(requested(outboxEvents())).toEqual([
      expect.objectContaining({ detail: { dialect: 'rocketchat', email: address, requestedBy: { userId: admin._id } } }),
    ]);
    expect(await answer(post('sendInvitationEmail', admin, { emails: ['nope'] }))).toEqual({
      status: 400,
      json: { error: 'No valid email addresses [error-email-send-failed]', success: false },
    });
    expect(await answer(post('sendInvitationEmail', await fixtures.user(), { emails: [address] }))).toEqual({
      status: 400,
      json: { error: 'Not allowed [error-not-allowed]', success: false },
    });
  });
});

describe('groups.invite', () => {
  test('by id or name, JSON or form; the reply is the group; counters follow', async () => {
    const { owner, room } = await roomWithOwner('p');
    const [a, b] = await fixtures.manyUsers(2);
    const byName = await post('groups.invite', owner, { roomName: room.name, userId: a!._id });
    expect(byName.status).toBe(200);
    expect(byName.json).toMatchObject({ group: { _id: room._id, t: 'p', usersCount: 3, msgs: 1 }, success: true });
    const byForm = await form('groups.invite', owner, `roomId=${room._id}&usernames[]=${b!.username}`);
    expect(byForm.json).toMatchObject({ group: { usersCount: 4 }, success: true });
  });

  test.each([
    ['no room', {}, meteor('The parameter "roomId" or "roomName" is required', 'error-room-param-not-provided')],
    ['a channel', 'channel', meteor('The required "roomId" or "roomName" param provided does not match any group', 'error-room-not-found')],
    [
      'no users',
      'group',
      meteor('Please provide "userId" or "username" or "userIds" or "usernames" as param', 'error-users-params-not-provided'),
    ],
    ['unknown users', 'unknown', meteor('Cannot invite if no valid users are provided', 'error-empty-invite-list')],
  ])('%s', async (_name, kind, expected) => {
    const { owner, room } = await roomWithOwner('p');
    const channel = await fixtures.channel({ owner });
    const body =
      kind === 'channel'
        ? { roomId: channel._id, userId: owner._id }
        : kind === 'group'
          ? { roomId: room._id }
          : kind === 'unknown'
            ? { roomId: room._id, usernames: ['nobody-at-all'] }
            : kind;
    expect(await answer(post('groups.invite', owner, body))).toEqual(expected);
  });

  test('a plain member may not invite: error-not-allowed', async () => {
    const { member, room } = await roomWithOwner('p');
    const [a] = await fixtures.manyUsers(1);
    expect(await answer(post('groups.invite', member, { roomId: room._id, userId: a!._id }))).toEqual(
      meteor('Not allowed', 'error-not-allowed', { method: 'addUsersToRoom' }),
    );
  });
});

describe('form bodies on channels.invite', () => {
  test('userIds[] arrays; parser errors never leak', async () => {
    const { owner, room } = await roomWithOwner();
    const [a, b] = await fixtures.manyUsers(2);
    const response = await form('channels.invite', owner, `roomId=${room._id}&userIds[]=${a!._id}&userIds[]=${b!._id}`);
    expect(response.json).toMatchObject({ channel: { usersCount: 4, msgs: 2 }, success: true });
    const broken = await post('channels.invite', owner, undefined).then(() =>
      request('POST', '/api/v1/channels.invite', { headers: owner.headers, rawBody: '{"roomId": "x", "userIds": [1,,]}' }),
    );
    expect(broken.json).toEqual({
      success: false,
      error: expect.stringMatching(/^The request body is not valid JSON( \(at position \d+\))?$/),
    });
  });
});

describe('Berty MultiMemberGroupLeave', () => {
  test('a member leaves (the count follows), a non-member gets "unknown group", the group stays joinable', async () => {
    const [alice, bob] = [await fixtures.user(), await fixtures.user()];
    const rpc = (name: string, user: fixtures.TestUser, body: unknown) =>
      request('POST', `/protocol/v1/${name}`, { headers: fixtures.authHeaders('berty', user), body });
    const created = await rpc('MultiMemberGroupCreate', alice, {});
    const invitation = await rpc('MultiMemberGroupInvitationCreate', alice, created.json);
    expect((await rpc('MultiMemberGroupJoin', bob, invitation.json)).status).toBe(200);
    expect(await answer(rpc('MultiMemberGroupLeave', bob, created.json))).toEqual({ status: 200, json: {} });
    const unknown = {
      error: 'ErrGroupMemberUnknownGroupID(#1202): unknown group or not activated yet',
      code: 5,
      message: 'ErrGroupMemberUnknownGroupID(#1202): unknown group or not activated yet',
    };
    expect(await answer(rpc('MultiMemberGroupLeave', bob, created.json))).toEqual({ status: 404, json: unknown });
    expect((await rpc('MultiMemberGroupLeave', alice, created.json)).status).toBe(200);
    expect((await rpc('MultiMemberGroupJoin', bob, invitation.json)).status).toBe(200);
    expect((await rpc('MultiMemberGroupInvitationCreate', bob, created.json)).json).toEqual(invitation.json);
  });
});

describe('rooms.banUser, rooms.unbanUser, rooms.bannedUsers', () => {
  test('a banned member leaves the room and is refused by a link, findOrCreateInvite and groups.invite; unbanned, the link works', async () => {
    const { owner, member, room } = await roomWithOwner('p');
    const link = (await post('findOrCreateInvite', owner, { rid: room._id, days: 1, maxUses: 5 })).json;
    expect(await answer(post('rooms.banUser', owner, { roomId: room._id, userId: member._id }))).toEqual({
      status: 200,
      json: { success: true },
    });
    const banned = await showChannel({ channel: room._id });
    expect(banned.usersCount).toBe(1);
    expect(banned.members.map((m) => m._id)).toEqual([owner._id]);
    expect((await listRoomMessages(room._id)).filter((m) => m.t === 'user-banned')).toEqual([
      expect.objectContaining({ msg: member.username, u: { _id: owner._id, username: owner.username } }),
    ]);
    const refused = meteor('User is banned from this room', 'error-user-is-banned', { method: 'useInviteToken' });
    expect(await answer(post('useInviteToken', member, { token: link.inviteToken }))).toEqual(refused);
    // findOrCreateInvite checks the permission first (a plain member: not_authorized); one who holds it, banned: refused.
    const admin = await fixtures.admin();
    expect((await post('groups.invite', owner, { roomId: room._id, userId: admin._id })).status).toBe(200);
    expect((await post('rooms.banUser', owner, { roomId: room._id, userId: admin._id })).status).toBe(200);
    expect(await answer(post('findOrCreateInvite', admin, { rid: room._id, days: 1, maxUses: 5 }))).toEqual(
      meteor('User is banned from this room', 'error-user-is-banned', { method: 'findOrCreateInvite' }),
    );
    expect(await answer(post('groups.invite', owner, { roomId: room._id, username: member.username }))).toEqual(
      meteor('User is banned from this room', 'error-user-is-banned', { method: 'addUsersToRoom' }),
    );
    const list = await request('GET', `/api/v1/rooms.bannedUsers?roomId=${room._id}&count=1`, { headers: owner.headers });
    expect(list.json).toEqual({
      bannedUsers: [expect.objectContaining({ name: expect.any(String) })],
      count: 1,
      offset: 0,
      total: 2,
      success: true,
    });
    expect(list.json.bannedUsers[0]._id).toBe([member, admin].sort((a, b) => a.username.localeCompare(b.username))[0]!._id);
    // A plain member may not ban.
    const other = await fixtures.user();
    expect((await post('useInviteToken', other, { token: link.inviteToken })).status).toBe(200);
    expect(await answer(post('rooms.banUser', other, { roomId: room._id, userId: owner._id }))).toMatchObject({
      status: 400,
      json: { errorType: 'error-not-allowed' },
    });

    expect((await post('rooms.unbanUser', owner, { roomId: room._id, username: member.username })).status).toBe(200);
    expect((await post('useInviteToken', member, { token: link.inviteToken })).status).toBe(200);
    expect((await showChannel({ channel: room._id })).usersCount).toBe(3); // owner, other, member (admin still banned)
    const events = await waitForEvents((all) => eventsOf(all, 'Member Unbanned', room._id).length > 0, 'Member Unbanned');
    const ofRoom = (type: string) => eventsOf(events, type, room._id);
    expect(ofRoom('Member Banned').map((e) => e.detail)).toContainEqual({
      dialect: 'rocketchat',
      roomId: room._id,
      userId: member._id,
      username: member.username,
      by: { userId: owner._id },
    });
    expect(ofRoom('Member Removed').map((e) => e.detail)).toContainEqual({
      dialect: 'rocketchat',
      roomId: room._id,
      userId: member._id,
      how: 'banned',
      by: { userId: owner._id },
    });
    expect(ofRoom('Member Banned')).toHaveLength(2);
    expect(ofRoom('Member Unbanned')).toHaveLength(1);
  });
});

/**
 * Rooms invitation tokens over HTTP: every way a token can be wrong gets the same 400; racing
 * accepts admit once; an invitation made through the Groups API is accepted through the Rooms API;
 * input errors get the envelope's 400/422.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, test } from 'vitest';
import { addUser } from '../../admin/commands';
import { showGroup } from '../../functions/dialects/quranreflect/admin';
import { documentClient, tableName } from '../../functions/store/client';
import { keys } from '../support/table-keys';
import { tableSchema } from '../../functions/store/table-schema';
import * as fixtures from '../support/fixtures';
import { request } from '../support/http';
import { eventsOf, latestInvitation, outboxEvents, waitForEvents } from '../support/outbox';

let client: string;
beforeAll(async () => {
  client = await fixtures.clientId();
});

const as = (user: fixtures.TestUser) => fixtures.quranHeaders(user, client);
const INVALID = { status: 400, json: { message: 'Invalid or expired token', type: 'invalid_request', success: false } };
const answer = async (promise: ReturnType<typeof request>) => {
  const response = await promise;
  return { status: response.status, json: response.json };
};

async function groupWithInvitee() {
  const owner = await fixtures.user();
  const invitee = await fixtures.user({ email: `${fixtures.unique('inv')}@example.com` });
  const created = await request('POST', '/v1/rooms/groups', { headers: as(owner), body: { name: 'g', url: fixtures.unique('g') } });
  expect(created.status).toBe(201);
  const id = created.json.data.id as number;
  const invite = () => request('POST', `/v1/rooms/${id}/invite`, { headers: as(owner), body: { userIds: [String(invitee.userId)] } });
  expect((await invite()).json).toEqual({ invited: true, inviteStatus: { [invitee.userId]: true } });
  return { owner, invitee, id, invite, token: (await latestInvitation(id, { userId: invitee.userId })).token };
}

const accept = (user: fixtures.TestUser, id: number | string, token: string) =>
  request('GET', `/v1/rooms/${id}/accept-invite?token=${encodeURIComponent(token)}`, { headers: as(user) });

describe('invitation tokens', () => {
  test("unknown, another room's, another user's, voided by a renewal, expired: all one 400, nothing written", async () => {
    const { owner, invitee, id, invite, token } = await groupWithInvitee();
    const other = await groupWithInvitee();
    expect(await answer(accept(invitee, id, 'not-a-token'))).toEqual(INVALID);
    expect(await answer(accept(invitee, id, other.token))).toEqual(INVALID);
    expect(await answer(accept(other.invitee, other.id, token))).toEqual(INVALID);
    expect(await answer(accept(owner, id, token))).toEqual(INVALID);
    expect(await answer(accept(invitee, 999_999_999, token))).toEqual(INVALID);
    // Inviting again renews the invitation with a new token: the old one is void.
    await invite();
    const renewed = (await latestInvitation(id, { userId: invitee.userId }, 1)).token;
    expect(renewed).not.toBe(token);
    expect(await answer(accept(invitee, id, token))).toEqual(INVALID);
    // Expired (TTL has not removed it yet).
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.groupInvitationForUser(String(id), invitee._id),
        UpdateExpression: 'SET #e = :past',
        ExpressionAttributeNames: { '#e': tableSchema.ttlAttribute },
        ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 1 },
      }),
    );
    expect(await answer(accept(invitee, id, renewed))).toEqual(INVALID);
    expect(await answer(request('GET', `/v1/rooms/${id}/reject-invite?token=${renewed}`, { headers: as(invitee) }))).toEqual(INVALID);
    expect((await showGroup({ group: String(id) })).membersCount).toBe(1);
  });

  test('a repeated token parameter is one value joined with a comma, as API Gateway passes it: refused in any order', async () => {
    const { invitee, id, token } = await groupWithInvitee();
    for (const query of [`token=junk&token=${token}`, `token=${token}&token=junk`, `token=${token}&token=${token}`]) {
      expect(await answer(request('GET', `/v1/rooms/${id}/accept-invite?${query}`, { headers: as(invitee) }))).toEqual(INVALID);
      expect(await answer(request('GET', `/v1/rooms/${id}/reject-invite?${query}`, { headers: as(invitee) }))).toEqual(INVALID);
    }
    // The token itself is untouched: alone, it still accepts.
    expect(await answer(accept(invitee, id, token))).toEqual({ status: 200, json: { accepted: true } });
  });

  test('20 concurrent accepts of one token: exactly one 200 and one membership', async () => {
    const { invitee, id, token } = await groupWithInvitee();
    const responses = await Promise.all(Array.from({ length: 20 }, () => accept(invitee, id, token)));
    expect(responses.map((r) => r.status).sort()).toEqual([200, ...Array(19).fill(400)]);
    const group = await showGroup({ group: String(id) });
    expect(group.membersCount).toBe(2);
    expect(group.members.filter((m) => m.user._id === invitee._id)).toHaveLength(1);
    await waitForEvents((events) => eventsOf(events, 'Invitation Accepted', id).length > 0, 'Invitation Accepted');
    expect(eventsOf(outboxEvents(), 'Invitation Accepted', id)).toHaveLength(1);
  });

  test('the token is stored only as a hash', async () => {
    const { id, token } = await groupWithInvitee();
    const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
    const scan = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.group(String(id)).pk },
      }),
    );
    expect(scan.Items!.length).toBeGreaterThan(1);
    expect(JSON.stringify(scan.Items)).not.toContain(token);
  });
});

describe('one invitation, two APIs', () => {
  test('invited by e-mail through the Groups API before the account exists, accepted through the Rooms API', async () => {
    const owner = await fixtures.user();
    const created = await request('POST', '/v1/rooms/groups', { headers: as(owner), body: { name: 'g', url: fixtures.unique('g') } });
    const id = created.json.data.id as number;
    const email = `${fixtures.unique('later')}@example.com`;
    const put = await request('PUT', `/v1/groups/${id}/inviteUser`, { headers: as(owner), body: { email } });
    expect(put.json).toEqual({ success: true, data: { message: 'User has been invited successfully.' } });
    const { token, event } = await latestInvitation(id, { email });
    expect(event.detail.invitee).toEqual({ email });

    const account = await addUser({ username: fixtures.unique('later'), email });
    const { authToken } = await import('../../admin/commands').then((admin) => admin.addToken({ user: account._id }));
    const newcomer = { ...account, authToken, headers: {} } as fixtures.TestUser;
    expect(await answer(accept(newcomer, id, token))).toEqual({ status: 200, json: { accepted: true } });
    expect((await showGroup({ group: String(id) })).members.map((m) => m.user._id)).toContain(account._id);
  });
});

describe('input errors', () => {
  test.each([
    ['a non-numeric room id', 'GET', '/v1/rooms/abc', undefined, 400, 'id: must be a numeric room id'],
    ['limit above 100', 'GET', '/v1/rooms/1/members?limit=101', undefined, 400, 'limit: limit must be between 1 and 100'],
    ['page 0', 'GET', '/v1/rooms/1/members?page=0', undefined, 400, 'page: page must be between 1 and 1000000'],
    ['no token', 'GET', '/v1/rooms/1/accept-invite', undefined, 400, undefined],
    ['neither userIds nor emails', 'POST', '/v1/rooms/1/invite', {}, 400, 'userIds or emails must name at least one invitee'],
    ['a malformed e-mail', 'POST', '/v1/rooms/1/invite', { emails: ['nope'] }, 422, 'emails[0]: must be a valid e-mail address'],
    [
      '101 invitees',
      'POST',
      '/v1/rooms/1/invite',
      { emails: Array.from({ length: 101 }, (_, i) => `u${i}@example.com`) },
      422,
      'at most 100 invitees can be invited at once',
    ],
    ['a group without url', 'POST', '/v1/rooms/groups', { name: 'x' }, 400, undefined],
    ['admin not a boolean', 'POST', '/v1/rooms/admins-access', { roomId: 1, userId: '2', admin: 'yes' }, 422, undefined],
  ])('%s', async (_name, method, path, body, status, message) => {
    const caller = await fixtures.user();
    const response = await request(method, path, { headers: as(caller), body });
    expect(response.status).toBe(status);
    expect(response.json).toMatchObject({ type: status === 400 ? 'invalid_request' : 'unprocessable_entity', success: false });
    if (message) expect(response.json.message).toBe(message);
  });

  test('a duplicate group url is a 422, case-insensitively', async () => {
    const caller = await fixtures.user();
    const url = fixtures.unique('dup');
    expect((await request('POST', '/v1/rooms/groups', { headers: as(caller), body: { name: 'a', url } })).status).toBe(201);
    const again = await request('POST', '/v1/rooms/groups', { headers: as(caller), body: { name: 'b', url: url.toUpperCase() } });
    expect({ status: again.status, json: again.json }).toEqual({
      status: 422,
      json: { message: `The url "${url.toUpperCase()}" is already taken`, type: 'unprocessable_entity', success: false },
    });
  });

  test('a non-admin member inviting: 403 with the Rooms message; an invisible room: 404', async () => {
    const owner = await fixtures.user();
    const member = await fixtures.user();
    const created = await request('POST', '/v1/rooms/groups', {
      headers: as(owner),
      body: { name: 'g', url: fixtures.unique('g'), public: true },
    });
    const id = created.json.data.id;
    await request('POST', `/v1/rooms/${id}/join`, { headers: as(member) });
    const refused = await request('POST', `/v1/rooms/${id}/invite`, { headers: as(member), body: { userIds: ['1'] } });
    expect({ status: refused.status, json: refused.json }).toEqual({
      status: 403,
      json: { message: 'User not authorized to invite members', type: 'forbidden', success: false },
    });
    const hidden = await request('POST', '/v1/rooms/groups', { headers: as(owner), body: { name: 'h', url: fixtures.unique('h') } });
    const invisible = await request('POST', `/v1/rooms/${hidden.json.data.id}/invite`, { headers: as(member), body: { userIds: ['1'] } });
    expect(invisible.status).toBe(404);
  });
});

test('"007" is no Rooms user id on any route, even with user 7 existing: the same answer as an unknown id', async () => {
  const owner = await fixtures.user();
  const member = await fixtures.user();
  const created = await request('POST', '/v1/rooms/groups', {
    headers: as(owner),
    body: { name: 'g', url: fixtures.unique('g'), public: true },
  });
  const id = created.json.data.id as number;
  await request('POST', `/v1/rooms/${id}/join`, { headers: as(member), body: {} });
  const padded = `00${member.userId}`;
  const invite = await answer(request('POST', `/v1/rooms/${id}/invite`, { headers: as(owner), body: { userIds: [padded] } }));
  expect(invite).toEqual({ status: 200, json: { invited: false, inviteStatus: { [padded]: 'user_not_found' } } });
  const notMember = (userId: string) => ({
    status: 404,
    json: { message: `User ${userId} is not a member of this room`, type: 'not_found', success: false },
  });
  expect(
    await answer(request('POST', '/v1/rooms/admins-access', { headers: as(owner), body: { roomId: id, userId: padded, admin: true } })),
  ).toEqual(notMember(padded));
  expect(await answer(request('DELETE', `/v1/rooms/${id}/members/${padded}`, { headers: as(owner) }))).toEqual(notMember(padded));
  // The member is untouched; the canonical id does name them.
  expect(await answer(request('DELETE', `/v1/rooms/${id}/members/${member.userId}`, { headers: as(owner) }))).toEqual({
    status: 200,
    json: { success: true },
  });
});

/**
 * PUT /v1/groups/{groupId}/inviteUser over real HTTP against the local service: every decision of
 * the QuranReflect issue, each with its exact body.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, test } from 'vitest';
import { addUser } from '../../admin/commands';
import { listInvitations, showGroup } from '../../functions/dialects/quranreflect/admin';
import { documentClient, tableName } from '../../functions/store/client';
import { keys } from '../support/table-keys';
import { tableSchema } from '../../functions/store/table-schema';
import { revokeToken } from '../../functions/store/tokens';
import * as fixtures from '../support/fixtures';
import { request } from '../support/http';

const path = (groupId: string) => `/v1/groups/${groupId}/inviteUser`;
const OK = { success: true, data: { message: 'User has been invited successfully.' } };
const err = (type: string, message: string) => ({ message, type, success: false });

let client: string;
let admin: fixtures.TestUser;
let member: fixtures.TestUser;
let group: Awaited<ReturnType<typeof fixtures.group>>;
const invite = (headers: Record<string, string>, body: unknown, groupId = group.id) => request('PUT', path(groupId), { headers, body });

beforeAll(async () => {
  client = await fixtures.clientId();
  admin = await fixtures.user();
  member = await fixtures.user();
  group = await fixtures.group({ admin, members: [member] });
});

describe('200 and the invitation it leaves', () => {
  test('by userId: a pending invitation recording who, when, for which group, expiring in 7 days', async () => {
    const invitee = await fixtures.user();
    const before = Math.floor(Date.now() / 1000);
    const response = await invite(fixtures.quranHeaders(admin, client), { userId: invitee.userId });
    expect(response.status).toBe(200);
    expect(response.json).toEqual(OK);
    expect(response.headers.get('content-type')).toBe('application/json');
    const { invitations } = await listInvitations({ group: group.id });
    const invitation = invitations.find((i) => '_id' in i.invitee && i.invitee._id === invitee._id)!;
    expect(invitation).toMatchObject({
      groupId: group.id,
      invitee: { _id: invitee._id, userId: invitee.userId, username: invitee.username },
      invitedBy: { _id: admin._id, userId: admin.userId, username: admin.username },
      invitesSent: 1,
      status: 'pending',
    });
    expect(Date.parse(invitation.createdAt) / 1000).toBeGreaterThanOrEqual(before - 1);
    expect(invitation.expiresAt - before).toBeGreaterThanOrEqual(7 * 86_400 - 5);
    expect(invitation.expiresAt - before).toBeLessThanOrEqual(7 * 86_400 + 5);
  });

  test("by an e-mail that belongs to a user: that user's invitation", async () => {
    const email = `${fixtures.unique('owner')}@Example.com`;
    const invitee = await fixtures.user({ email });
    expect((await invite(fixtures.quranHeaders(admin, client), { email: email.toLowerCase() })).json).toEqual(OK);
    const { invitations } = await listInvitations({ group: group.id });
    expect(invitations.filter((i) => '_id' in i.invitee && i.invitee._id === invitee._id)).toHaveLength(1);
  });

  test("by an unknown e-mail: an invitation for the address, which becomes the user's when the account appears", async () => {
    const g = await fixtures.group({ admin });
    const email = `${fixtures.unique('future')}@example.com`;
    expect((await invite(fixtures.quranHeaders(admin, client), { email }, g.id)).json).toEqual(OK);
    let { invitations } = await listInvitations({ group: g.id });
    expect(invitations.map((i) => i.invitee)).toEqual([{ email }]);

    const user = await addUser({ username: fixtures.unique('newcomer'), email });
    ({ invitations } = await listInvitations({ group: g.id }));
    expect(invitations).toHaveLength(1);
    expect(invitations[0]).toMatchObject({
      invitee: { _id: user._id, userId: user.userId, username: user.username },
      invitedBy: { _id: admin._id },
      status: 'pending',
    });
  });

  test('inviting again while pending: 200, still one invitation, expiry renewed, first inviter kept', async () => {
    const g = await fixtures.group({ admin, members: [] });
    const invitee = await fixtures.user();
    await invite(fixtures.quranHeaders(admin, client), { userId: invitee.userId }, g.id);
    // Ages the invitation by a minute instead of waiting for the clock to move.
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.groupInvitationForUser(g.id, invitee._id),
        UpdateExpression: 'SET #expiresAt = #expiresAt - :minute, lastInvitedAt = :earlier',
        ExpressionAttributeNames: { '#expiresAt': tableSchema.ttlAttribute },
        ExpressionAttributeValues: { ':minute': 60, ':earlier': new Date(Date.now() - 60_000).toISOString() },
      }),
    );
    const [first] = (await listInvitations({ group: g.id })).invitations;
    expect((await invite(fixtures.quranHeaders(admin, client), { userId: invitee.userId }, g.id)).json).toEqual(OK);
    const { invitations } = await listInvitations({ group: g.id });
    expect(invitations).toHaveLength(1);
    expect(invitations[0]!.createdAt).toBe(first!.createdAt);
    expect(invitations[0]!.invitesSent).toBe(2);
    expect(invitations[0]!.expiresAt).toBeGreaterThan(first!.expiresAt);
    expect(Date.parse(invitations[0]!.lastInvitedAt)).toBeGreaterThan(Date.parse(first!.lastInvitedAt));
  });

  test('20 parallel invites of one e-mail into one group leave exactly one invitation', async () => {
    const g = await fixtures.group({ admin });
    const email = `${fixtures.unique('race')}@example.com`;
    const responses = await Promise.all(Array.from({ length: 20 }, () => invite(fixtures.quranHeaders(admin, client), { email }, g.id)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const { invitations } = await listInvitations({ group: g.id });
    expect(invitations).toHaveLength(1);
    expect(invitations[0]!.invitesSent).toBe(20);
  });
});

describe('headers and credentials', () => {
  test('no x-auth-token → 401 unauthorized', async () => {
    const response = await invite({ 'x-client-id': client }, { userId: 1 });
    expect(response.status).toBe(401);
    expect(response.json).toEqual(err('unauthorized', 'The request requires user authentication: x-auth-token header is missing'));
  });

  test('no x-client-id → 400 invalid_request', async () => {
    const response = await invite({ 'x-auth-token': admin.authToken }, { userId: 1 });
    expect(response.status).toBe(400);
    expect(response.json).toEqual(err('invalid_request', 'The request is missing the required x-client-id header'));
  });

  test('unknown, revoked or expired token, or unknown client → 403 forbidden', async () => {
    const revoked = await fixtures.tokenFor(admin._id);
    await revokeToken(revoked);
    const expired = await fixtures.tokenFor(admin._id, -1);
    const forbidden = err('forbidden', 'The access token or client id is invalid, revoked or expired');
    for (const headers of [
      { 'x-auth-token': 'nope', 'x-client-id': client },
      { 'x-auth-token': revoked, 'x-client-id': client },
      { 'x-auth-token': expired, 'x-client-id': client },
      { 'x-auth-token': admin.authToken, 'x-client-id': 'unknown-client' },
    ]) {
      const response = await invite(headers, { userId: member.userId });
      expect(response.status).toBe(403);
      expect(response.json).toEqual(forbidden);
    }
  });

  test('header names in any case', async () => {
    const invitee = await fixtures.user();
    const response = await invite({ 'X-Auth-Token': admin.authToken, 'X-CLIENT-ID': client }, { userId: invitee.userId });
    expect(response.json).toEqual(OK);
  });
});

describe('who may invite', () => {
  test('a member who is not an admin, and a stranger → 403', async () => {
    const stranger = await fixtures.user();
    const invitee = await fixtures.user();
    for (const caller of [member, stranger]) {
      const response = await invite(fixtures.quranHeaders(caller, client), { userId: invitee.userId });
      expect(response.status).toBe(403);
      expect(response.json).toEqual(err('forbidden', 'Only admins of this group can invite users to it'));
    }
  });

  test('even a global admin must be an admin of the group', async () => {
    const globalAdmin = await fixtures.admin();
    const response = await invite(fixtures.quranHeaders(globalAdmin, client), { userId: member.userId });
    expect(response.status).toBe(403);
  });
});

describe('404 and 422', () => {
  test('a group that does not exist, or cannot exist', async () => {
    for (const id of ['999999999', 'not-a-number', 'x'.repeat(3000)]) {
      const response = await invite(fixtures.quranHeaders(admin, client), { userId: member.userId }, id);
      expect(response.status, id.slice(0, 20)).toBe(404);
      expect(response.json).toEqual(err('not_found', `Group ${id.slice(0, 64)} not found`));
    }
  });

  test('a userId that matches no user', async () => {
    const response = await invite(fixtures.quranHeaders(admin, client), { userId: 987654321 });
    expect(response.status).toBe(404);
    expect(response.json).toEqual(err('not_found', 'User 987654321 not found'));
  });

  test('the invitee is already a member (the admin too)', async () => {
    for (const userId of [member.userId, admin.userId]) {
      const response = await invite(fixtures.quranHeaders(admin, client), { userId });
      expect(response.status).toBe(422);
      expect(response.json).toEqual(err('unprocessable_entity', 'The user is already a member of this group'));
    }
    const email = `${fixtures.unique('m')}@example.com`;
    const byEmail = await fixtures.user({ email });
    const g = await fixtures.group({ admin, members: [byEmail] });
    const response = await invite(fixtures.quranHeaders(admin, client), { email }, g.id);
    expect(response.json).toEqual(err('unprocessable_entity', 'The user is already a member of this group'));
    expect((await showGroup({ group: g.id })).members).toHaveLength(2);
  });

  test.each([
    [{ userId: 1, email: 'a@example.com' }, 'Only one of userId or email should be passed'],
    [{ userId: 1.5 }, 'userId: must be an integer'],
    [{ userId: '12' }, 'userId: must be an integer'],
    [{ userId: null }, 'userId: must be an integer'],
    [{ userId: -3 }, 'userId: must be a positive integer'],
    [{ email: 'not-an-email' }, 'email: must be a valid e-mail address'],
    [{ email: 42 }, 'email: must be a valid e-mail address'],
    [{ userId: 1, role: 'admin' }, 'Unrecognized key: "role"'],
  ])('%j → 422', async (body, message) => {
    const response = await invite(fixtures.quranHeaders(admin, client), body);
    expect(response.status).toBe(422);
    expect(response.json).toEqual(err('unprocessable_entity', message));
  });
});

describe('400 invalid_request', () => {
  test.each([
    ['not JSON', '{"userId":', /^The request body is not valid JSON( \(at position \d+\))?$/],
    ['an array', '[1]', /^The request body must be a JSON object$/],
    ['a string', '"x"', /^The request body must be a JSON object$/],
    ['empty', '', /^The request body must be a JSON object$/],
    ['neither field', '{}', /^The request body must contain either userId or email$/],
    ['neither field, other keys', '{"user":"x"}', /^The request body must contain either userId or email$/],
  ])('%s', async (_name, rawBody, message) => {
    const response = await request('PUT', path(group.id), { headers: fixtures.quranHeaders(admin, client), rawBody });
    expect(response.status).toBe(400);
    expect(Object.keys(response.json)).toEqual(['message', 'type', 'success']);
    expect(response.json).toMatchObject({ type: 'invalid_request', success: false });
    expect(response.json.message).toMatch(message);
  });
});

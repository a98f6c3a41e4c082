/**
 * A fault on the write of an invite, after the real reads against DynamoDB Local succeeded
 * (aws-sdk-client-mock stubs only TransactWriteItems): each dialect answers with the fault's
 * status and envelope, logs the request id without credentials, and nothing was written.
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, test } from 'vitest';
import { listInvitations } from '../../functions/dialects/quranreflect/admin';
import { showChannel } from '../../functions/dialects/rocketchat/admin';
import { listRoomMessages } from '../../functions/dialects/rocketchat/store/rocketchat-rooms';
import { faultBodies, faultStatus } from '../support/dialect-bodies';
import * as fixtures from '../support/fixtures';
import { request } from '../support/http';
import { captureLogs } from '../support/logs';
import { apiWithMockableStore } from '../support/mocked-writes';

const { clientMock, url, passThrough } = apiWithMockableStore();

const awsError = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} (injected)`), { name, $fault: 'server', $metadata: {}, ...extra });

const faults = [
  ['throttled after the SDK retries', awsError('ProvisionedThroughputExceededException'), 503],
  ['deadline exceeded', awsError('TimeoutError'), 504],
  ['DynamoDB 5xx', awsError('InternalServerError', { $metadata: { httpStatusCode: 500 } }), 502],
  ['a bug', new TypeError("Cannot read properties of undefined (reading 'x')"), 500],
] as const;

describe.each(faults)('%s', (_name, fault, status) => {
  test('Rocket.Chat channels.invite: status, envelope, log, no partial write', async () => {
    const errors = captureLogs();
    const admin = await fixtures.admin();
    const invitees = await fixtures.manyUsers(3);
    const room = await fixtures.channel({ owner: admin });
    clientMock.on(TransactWriteCommand).rejects(fault);
    const response = await request('POST', '/api/v1/channels.invite', {
      baseUrl: url(),
      headers: admin.headers,
      body: { roomId: room._id, userIds: invitees.map((u) => u._id) },
    });
    expect(response.status).toBe(status);
    expect(response.json).toEqual(faultBodies.rocketchat![status]);
    const logged = errors.text();
    expect(logged).toMatch(/"function_request_id":"[0-9a-f-]{36}"/);
    expect(logged).not.toContain(admin.authToken);
    passThrough();
    const shown = await showChannel({ channel: room._id });
    expect(shown).toMatchObject({ usersCount: 1, msgs: 0 });
    expect(shown.members.map((m) => m._id)).toEqual([admin._id]);
    expect(await listRoomMessages(room._id)).toEqual([]);
  });

  test('QuranReflect inviteUser: status, envelope, no invitation', async () => {
    captureLogs();
    const client = await fixtures.clientId();
    const admin = await fixtures.user();
    const group = await fixtures.group({ admin });
    clientMock.on(TransactWriteCommand).rejects(fault);
    const response = await request('PUT', `/v1/groups/${group.id}/inviteUser`, {
      baseUrl: url(),
      headers: fixtures.quranHeaders(admin, client),
      body: { email: `${fixtures.unique('f')}@example.com` },
    });
    expect(response.status).toBe(status);
    expect(response.json).toEqual(faultBodies.quranreflect![status]);
    passThrough();
    expect((await listInvitations({ group: group.id })).invitations).toEqual([]);
  });

  test('Berty MultiMemberGroupJoin: status, envelope, not joined, secret not logged', async () => {
    const errors = captureLogs();
    const creator = await fixtures.user();
    const joiner = await fixtures.user();
    const rpc = (user: fixtures.TestUser, name: string, body: unknown) =>
      request('POST', `/protocol/v1/${name}`, { baseUrl: url(), headers: { authorization: `Bearer ${user.authToken}` }, body });
    const { group_pk: groupPk } = (await rpc(creator, 'MultiMemberGroupCreate', {})).json;
    const { group } = (await rpc(creator, 'MultiMemberGroupInvitationCreate', { group_pk: groupPk })).json;
    clientMock.on(TransactWriteCommand).rejects(fault);
    const response = await rpc(joiner, 'MultiMemberGroupJoin', { group });
    expect(response.status).toBe(faultStatus('berty', status));
    expect(response.json).toEqual(faultBodies.berty![status]);
    expect(errors.text()).not.toContain(group.secret);
    passThrough();
    expect((await rpc(joiner, 'MultiMemberGroupInvitationCreate', { group_pk: groupPk })).status).toBe(404);
  });
});

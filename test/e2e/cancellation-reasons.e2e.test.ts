/**
 * A transaction DynamoDB cancels for a reason that is not the operation's own condition
 * (throttling, validation) is a fault, never an answer: on every write path that removes or
 * answers, it gives the dialect's 5xx — never a 200 `{"left": false}`, a 404 "not a member" or a
 * 400 "invalid token". The cancellation is injected on TransactWriteItems (aws-sdk-client-mock);
 * every read is real (DynamoDB Local).
 */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, test } from 'vitest';
import * as fixtures from '../support/fixtures';
import { request } from '../support/http';
import { captureLogs } from '../support/logs';
import { apiWithMockableStore } from '../support/mocked-writes';
import { latestInvitation } from '../support/outbox';

const { clientMock, url, passThrough } = apiWithMockableStore();

/** DynamoDB's TransactionCanceledException: the first action failed for `code`, the rest did not. */
const cancelled = (code: string, actions = 3) =>
  Object.assign(new Error(`Transaction cancelled, please refer cancellation reasons for specific reasons [${code}]`), {
    name: 'TransactionCanceledException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 },
    CancellationReasons: [{ Code: code, Message: 'injected' }, ...Array.from({ length: actions - 1 }, () => ({ Code: 'None' }))],
  });

const reasons = [
  ['ThrottlingError', 503],
  ['ValidationError', 502],
] as const;

interface WritePath {
  name: string;
  /** Builds what the request needs (with real writes), then returns the request to send. */
  prepare(): Promise<() => ReturnType<typeof request>>;
}

const quran = async () => {
  const client = await fixtures.clientId();
  return (user: fixtures.TestUser) => fixtures.quranHeaders(user, client);
};

async function roomsGroup(isPublic: boolean) {
  const as = await quran();
  const owner = await fixtures.user();
  const member = await fixtures.user({ email: `${fixtures.unique('m')}@example.com` });
  const created = await request('POST', '/v1/rooms/groups', {
    baseUrl: url(),
    headers: as(owner),
    body: { name: 'g', url: fixtures.unique('g'), public: isPublic },
  });
  const id = created.json.data.id as number;
  return { as, owner, member, id };
}

/** A channel of `owner`'s and an invite link to it, made over HTTP. */
async function channelLink(owner: fixtures.TestUser): Promise<{ _id: string; inviteToken: string }> {
  const room = await fixtures.channel({ owner });
  return (
    await request('POST', '/api/v1/findOrCreateInvite', {
      baseUrl: url(),
      headers: owner.headers,
      body: { rid: room._id, days: 7, maxUses: 5 },
    })
  ).json;
}

const paths: WritePath[] = [
  {
    name: 'Rooms leave',
    async prepare() {
      const { as, member, id } = await roomsGroup(true);
      await request('POST', `/v1/rooms/${id}/join`, { baseUrl: url(), headers: as(member), body: {} });
      return () => request('POST', `/v1/rooms/${id}/leave`, { baseUrl: url(), headers: as(member), body: {} });
    },
  },
  {
    name: 'Rooms remove-member',
    async prepare() {
      const { as, owner, member, id } = await roomsGroup(true);
      await request('POST', `/v1/rooms/${id}/join`, { baseUrl: url(), headers: as(member), body: {} });
      return () => request('DELETE', `/v1/rooms/${id}/members/${member.userId}`, { baseUrl: url(), headers: as(owner) });
    },
  },
  ...(['reject-invite', 'accept-invite'] as const).map((answer) => ({
    name: `Rooms ${answer}`,
    async prepare() {
      const { as, owner, member, id } = await roomsGroup(false);
      await request('POST', `/v1/rooms/${id}/invite`, { baseUrl: url(), headers: as(owner), body: { userIds: [String(member.userId)] } });
      const { token } = await latestInvitation(id, { userId: member.userId });
      return () => request('GET', `/v1/rooms/${id}/${answer}?token=${token}`, { baseUrl: url(), headers: as(member) });
    },
  })),
  {
    name: 'Rooms join',
    async prepare() {
      const { as, member, id } = await roomsGroup(true);
      return () => request('POST', `/v1/rooms/${id}/join`, { baseUrl: url(), headers: as(member), body: {} });
    },
  },
  {
    name: 'Berty leave',
    async prepare() {
      const member = await fixtures.user();
      const bearer = { authorization: `Bearer ${member.authToken}` };
      const { group_pk } = (await request('POST', '/protocol/v1/MultiMemberGroupCreate', { baseUrl: url(), headers: bearer, body: {} }))
        .json;
      return () => request('POST', '/protocol/v1/MultiMemberGroupLeave', { baseUrl: url(), headers: bearer, body: { group_pk } });
    },
  },
  {
    name: 'Rocket.Chat removeInvite',
    async prepare() {
      const owner = await fixtures.admin(); // removing links takes create-invite-links globally (admins by default)
      const link = await channelLink(owner);
      return () => request('DELETE', `/api/v1/removeInvite/${link._id}`, { baseUrl: url(), headers: owner.headers });
    },
  },
  {
    name: 'Rocket.Chat useInviteToken',
    async prepare() {
      const [link, joiner] = await Promise.all([fixtures.user().then(channelLink), fixtures.user()]);
      return () =>
        request('POST', '/api/v1/useInviteToken', { baseUrl: url(), headers: joiner.headers, body: { token: link.inviteToken } });
    },
  },
];

describe.each(reasons)('a transaction cancelled for %s', (code, status) => {
  test.each(paths.map((path) => [path.name, path] as const))('%s: a 5xx, never an answer', async (_name, path) => {
    captureLogs();
    const send = await path.prepare();
    clientMock.on(TransactWriteCommand).rejects(cancelled(code));
    const response = await send();
    const expected = path.name.startsWith('Berty') && status === 502 ? 500 : status;
    expect(response.status, response.text).toBe(expected);
    passThrough();
    // Without the fault, the same request is answered as it should be (the fault wrote nothing).
    expect((await send()).status).toBeLessThan(300);
  });
});

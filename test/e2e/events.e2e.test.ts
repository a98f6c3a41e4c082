/**
 * Events come from what the table committed, for every dialect, as often as it happened: each
 * membership change over HTTP yields its event (read from the outbox the service's stream reader
 * writes), a no-op yields none, ids never repeat; a sink that refuses delays events but loses none
 * and fails no request; a dump of the table holds no usable invitation token.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, test } from 'vitest';
import { environmentDependencies, publishChanges } from '../../functions/handlers/stream/publish-changes';
import { outboxSink } from '../../functions/events/sinks';
import { dynamoDbClient, documentClient, tableName } from '../../functions/store/client';
import { newMultiMemberGroup } from '../../functions/lib/ed25519-group';
import { startStreamReader } from '../../local/stream-reader';
import * as fixtures from '../support/fixtures';
import { request } from '../support/http';
import { eventsOf, latestInvitation, type OutboxEvent, outboxEvents, waitForEvents } from '../support/outbox';

const rc = (path: string, user: fixtures.TestUser, body: unknown) => request('POST', `/api/v1/${path}`, { headers: user.headers, body });
const memberAdded = (events: OutboxEvent[], roomId: string | number) => eventsOf(events, 'Member Added', roomId);

describe("every dialect's membership changes become events", () => {
  test('Rocket.Chat channels.invite of 3 new users: 3 Member Added (invited, by the inviter); inviting them again: none', async () => {
    const owner = await fixtures.user();
    const room = await fixtures.channel({ owner });
    const users = await Promise.all([fixtures.user(), fixtures.user(), fixtures.user()]);
    expect((await rc('channels.invite', owner, { roomId: room._id, userIds: users.map((u) => u._id) })).status).toBe(200);
    // The room's creation made the owner a member (how: created), then the three.
    let events = await waitForEvents((all) => memberAdded(all, room._id).length === 4, '4 Member Added');
    expect(
      memberAdded(events, room._id)
        .filter((e) => e.detail.how === 'invited')
        .map((e) => e.detail)
        .sort((a, b) => a.userId.localeCompare(b.userId)),
    ).toEqual(
      users
        .map((u) => ({
          dialect: 'rocketchat',
          roomId: room._id,
          userId: u._id,
          username: u.username,
          how: 'invited',
          by: { userId: owner._id },
        }))
        .sort((a, b) => a.userId.localeCompare(b.userId)),
    );
    // Again: all members already, nothing committed, nothing told. A fourth user is the marker that the stream moved on.
    expect((await rc('channels.invite', owner, { roomId: room._id, userIds: users.map((u) => u._id) })).status).toBe(200);
    const fourth = await fixtures.user();
    expect((await rc('channels.invite', owner, { roomId: room._id, userId: fourth._id })).status).toBe(200);
    events = await waitForEvents((all) => memberAdded(all, room._id).some((e) => e.detail.userId === fourth._id), 'the marker');
    expect(memberAdded(events, room._id)).toHaveLength(5);
  });

  test('Rocket.Chat groups.invite and useInviteToken: Member Added (invited; link, with the link), Invite Link Created and Used', async () => {
    const owner = await fixtures.user();
    const group = await fixtures.channel({ owner, type: 'p' });
    const invitee = await fixtures.user();
    expect((await rc('groups.invite', owner, { roomId: group._id, userId: invitee._id })).status).toBe(200);
    const room = await fixtures.channel({ owner });
    const link = (await rc('findOrCreateInvite', owner, { rid: room._id, days: 7, maxUses: 5 })).json;
    const joiner = await fixtures.user();
    expect((await rc('useInviteToken', joiner, { token: link.inviteToken })).status).toBe(200);
    const events = await waitForEvents(
      (all) =>
        memberAdded(all, group._id).length === 2 &&
        eventsOf(all, 'Invite Link Used', room._id).length === 1 &&
        memberAdded(all, room._id).length === 2,
      'groups.invite and link events',
    );
    expect(memberAdded(events, group._id).find((e) => e.detail.userId === invitee._id)?.detail).toMatchObject({
      how: 'invited',
      by: { userId: owner._id },
    });
    expect(memberAdded(events, room._id).find((e) => e.detail.userId === joiner._id)?.detail).toEqual({
      dialect: 'rocketchat',
      roomId: room._id,
      userId: joiner._id,
      username: joiner.username,
      how: 'link',
      by: { userId: owner._id },
      linkId: link._id,
    });
    expect(eventsOf(events, 'Invite Link Created', room._id)[0]?.detail).toMatchObject({
      linkId: link._id,
      createdBy: { userId: owner._id },
      uses: 0,
      maxUses: 5,
    });
    expect(eventsOf(events, 'Invite Link Used', room._id)[0]?.detail).toMatchObject({ linkId: link._id, uses: 1 });
  });

  test('Berty Join and Leave: Member Added (joined) and Member Removed (left), the group named by its public key', async () => {
    const member = await fixtures.user();
    const group = newMultiMemberGroup();
    const bearer = { Authorization: `Bearer ${member.authToken}` };
    const groupPk = group.publicKey.toString('base64');
    const join = await request('POST', '/protocol/v1/MultiMemberGroupJoin', {
      headers: bearer,
      body: { group: { public_key: groupPk, secret: group.secret.toString('base64'), secret_sig: group.secretSig.toString('base64') } },
    });
    expect(join.status).toBe(200);
    expect((await request('POST', '/protocol/v1/MultiMemberGroupLeave', { headers: bearer, body: { group_pk: groupPk } })).status).toBe(
      200,
    );
    const events = await waitForEvents((all) => eventsOf(all, 'Member Removed', groupPk).length === 1, 'Berty Member Removed');
    expect(memberAdded(events, groupPk).map((e) => e.detail)).toEqual([
      { dialect: 'berty', roomId: groupPk, userId: member._id, username: member.username, how: 'joined' },
    ]);
    expect(eventsOf(events, 'Member Removed', groupPk)[0]?.detail).toEqual({
      dialect: 'berty',
      roomId: groupPk,
      userId: member._id,
      how: 'left',
    });
  });

  test('Rooms join, leave and remove: Member Added (joined), Member Removed (left; removed, by the admin)', async () => {
    const client = await fixtures.clientId();
    const [owner, alice, bob] = await Promise.all([fixtures.user(), fixtures.user(), fixtures.user()]);
    const as = (user: fixtures.TestUser) => fixtures.quranHeaders(user, client);
    const created = await request('POST', '/v1/rooms/groups', {
      headers: as(owner),
      body: { name: 'g', url: fixtures.unique('g'), public: true },
    });
    const id = created.json.data.id as number;
    for (const user of [alice, bob])
      expect((await request('POST', `/v1/rooms/${id}/join`, { headers: as(user), body: {} })).json).toEqual({ joined: true });
    expect((await request('POST', `/v1/rooms/${id}/leave`, { headers: as(alice), body: {} })).json).toEqual({ left: true });
    expect((await request('DELETE', `/v1/rooms/${id}/members/${bob.userId}`, { headers: as(owner) })).status).toBe(200);
    const events = await waitForEvents((all) => eventsOf(all, 'Member Removed', id).length === 2, 'Rooms Member Removed');
    expect(memberAdded(events, id).map((e) => [e.detail.userId, e.detail.how])).toEqual(
      expect.arrayContaining([
        [String(owner.userId), 'created'],
        [String(alice.userId), 'joined'],
        [String(bob.userId), 'joined'],
      ]),
    );
    expect(eventsOf(events, 'Member Removed', id).map((e) => e.detail)).toEqual([
      { dialect: 'quranreflect', roomId: id, userId: String(alice.userId), how: 'left' },
      { dialect: 'quranreflect', roomId: id, userId: String(bob.userId), how: 'removed', by: { userId: String(owner.userId) } },
    ]);
  });

  test('event ids never repeat across the whole outbox', async () => {
    const ids = outboxEvents().map((event) => event.id);
    expect(ids.length).toBeGreaterThan(10);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

async function roomsInvitation() {
  const client = await fixtures.clientId();
  const owner = await fixtures.user();
  const invitee = await fixtures.user({ email: `${fixtures.unique('inv')}@example.com` });
  const as = (user: fixtures.TestUser) => fixtures.quranHeaders(user, client);
  const id = (await request('POST', '/v1/rooms/groups', { headers: as(owner), body: { name: 'g', url: fixtures.unique('g') } })).json.data
    .id as number;
  expect((await request('POST', `/v1/rooms/${id}/invite`, { headers: as(owner), body: { emails: [invitee.email] } })).status).toBe(200);
  const { token } = await latestInvitation(id, { userId: invitee.userId });
  const accept = (candidate: string) =>
    request('GET', `/v1/rooms/${id}/accept-invite?token=${encodeURIComponent(candidate)}`, { headers: as(invitee) });
  return { id, invitee, token, accept };
}

test('a dump of the table after an e-mail invitation holds no value that accept-invite takes', async () => {
  const { id, token, accept } = await roomsInvitation();
  const strings = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') strings.add(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) if (String(item.pk) === `GROUP#${id}`) collect(item);
    start = page.LastEvaluatedKey;
  } while (start);
  expect(strings.size).toBeGreaterThan(10);
  expect(strings.has(token)).toBe(false);
  for (const candidate of strings) expect((await accept(candidate)).status, candidate).toBe(400);
  // The event's token, which only the key holder can make from the stored nonce, does accept.
  expect((await accept(token)).json).toEqual({ accepted: true });
});

test('the sink refusing (the outbox a directory): accept-invite answers 200 and the member exists; then each event exactly once', async () => {
  const { id, invitee, token, accept } = await roomsInvitation();
  // A reader of its own, from now on, into an outbox of its own that is a directory for now.
  const folder = mkdtempSync(resolve(tmpdir(), 'invites-refusing-'));
  const outbox = resolve(folder, 'outbox.jsonl');
  mkdirSync(outbox);
  const sink = outboxSink(outbox);
  let refusals = 0;
  const reader = await startStreamReader({
    dynamoDb: dynamoDbClient,
    endpoint: process.env.DYNAMODB_ENDPOINT!,
    tableName,
    startAt: 'LATEST',
    pollMs: 20,
    publish: (records) => publishChanges(records, sink, environmentDependencies()),
    onError: () => void (refusals += 1),
  });
  try {
    expect((await accept(token)).json).toEqual({ accepted: true });
    const members = await request('GET', `/v1/rooms/${id}/members`, { headers: fixtures.quranHeaders(invitee, await fixtures.clientId()) });
    expect(members.json.data.map((m: { id: string }) => m.id)).toContain(String(invitee.userId));
    const deadline = Date.now() + 10_000;
    while (refusals === 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 20));
    expect(refusals).toBeGreaterThan(0);
    rmSync(outbox, { recursive: true });
    await waitForEvents(() => {
      const all = outboxEvents(outbox);
      return eventsOf(all, 'Invitation Accepted', id).length > 0 && memberAdded(all, id).length > 0;
    }, 'the delayed events');
    // Let the reader pass the same records again if it were to (it must not): a later change is the marker.
    const marker = await fixtures.user();
    await fixtures.channel({ owner: marker });
    await waitForEvents(() => outboxEvents(outbox).some((e) => e.detail.userId === marker._id), 'the marker', 10_000);
    const all = outboxEvents(outbox);
    expect(eventsOf(all, 'Invitation Accepted', id).map((e) => e.detail)).toEqual([
      expect.objectContaining({ dialect: 'quranreflect', roomId: id, userId: String(invitee.userId) }),
    ]);
    expect(memberAdded(all, id).map((e) => e.detail)).toEqual([
      expect.objectContaining({ userId: String(invitee.userId), how: 'invitation' }),
    ]);
  } finally {
    await reader.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

/** Section 1: DynamoDB calls and sequential round trips per request, counted by an SDK middleware. */
import { randomBytes } from 'node:crypto';
import { BATCH_GET_LIMIT } from '../functions/store/batch';
import { dynamoDbClient } from '../functions/store/client';
import { createRoom } from '../functions/domain/rocketchat/rooms';
import { createUser, createUsersInBulk } from '../functions/domain/users';
import { ADDITIONS_PER_TRANSACTION, ROOM_COUNTER_SHARDS } from '../functions/store/rooms';
import { createToken } from '../functions/store/tokens';
import { buildContext, buildEvent } from '../local/api-gateway-event';
import { recordDynamoDbCalls } from '../local/dynamodb-call-recorder';
import { loadHandler } from '../local/handlers';
import type { Scenario } from './scenarios';
import { printTable, verdict } from './stats';

export async function measureRoundTrips(scenarios: Scenario[]) {
  const recorder = recordDynamoDbCalls(dynamoDbClient);
  // The rate-limit bypass grant is cached per instance (30 s) whoever calls: read beforehand, so a
  // cold row measures the first use of its token only.
  const { readPermissionRoles } = await import('../functions/domain/rocketchat/permissions');
  await readPermissionRoles('api-bypass-rate-limit');
  const single = [];
  for (const scenario of scenarios) {
    const handler = await loadHandler(scenario.route);
    const run = () => handler(scenario.event(), buildContext(scenario.route));
    const cold = await recorder.measure(run); // first use of this scenario's token
    const warm = await recorder.measure(run); // warm instance: auth from the cache
    single.push({
      endpoint: scenario.route.id,
      status: warm.result.statusCode ?? 0,
      'cold calls': cold.summary.calls,
      'cold sequential': cold.summary.sequentialRoundTrips,
      'cold floor': scenario.floors.cold,
      'warm calls': warm.summary.calls,
      'warm sequential': warm.summary.sequentialRoundTrips,
      'warm floor': scenario.floors.warm,
      verdict: verdict(cold.summary.sequentialRoundTrips <= scenario.floors.cold && warm.summary.sequentialRoundTrips <= scenario.floors.warm),
    });
  }
  console.log('\n## 1. DynamoDB round trips per request (rate limiting on)\n');
  printTable(single);

  // Bulk invites: one fresh room per size, the caller's token warm.
  const route = scenarios[0]!.route;
  const handler = await loadHandler(route);
  const owner = await createUser({ username: `bulk-owner-${randomBytes(4).toString('hex')}` });
  const token = await createToken(owner._id);
  const headers = { 'x-auth-token': token, 'x-user-id': owner._id };
  const bulk: Record<string, string | number | boolean>[] = [];
  let last: { invite: (userIds: string[]) => ReturnType<typeof handler>; users: { _id: string }[] } | undefined;
  for (const n of [1, 10, 100, 1000]) {
    const room = await createRoom({ name: `bulk-${n}-${randomBytes(4).toString('hex')}`, type: 'c', owner });
    const users = await createUsersInBulk(Array.from({ length: n }, (_, i) => ({ username: `bulk-${randomBytes(4).toString('hex')}-${i}` })));
    const invite = (userIds: string[]) =>
      handler(buildEvent(route, { method: 'POST', path: route.path, headers, body: JSON.stringify({ roomId: room._id, userIds }) }), buildContext(route));
    await invite([]); // warms the auth cache
    const { result, summary } = await recorder.measure(() => invite(users.map((u) => u._id)));
    last = { invite, users };
    // Keys: room and its counter shards, inviter's membership, 3 grants, per invitee its user and its membership.
    const reads = Math.ceil((2 * n + 5 + ROOM_COUNTER_SHARDS) / BATCH_GET_LIMIT);
    const transactions = Math.ceil(n / ADDITIONS_PER_TRANSACTION);
    const target = reads + transactions + 2; // + the rate-limit count and the re-read
    bulk.push({
      N: n,
      status: result.statusCode ?? 0,
      calls: summary.calls,
      'floor calls': target,
      BatchGetItem: summary.byCommand.BatchGetItem ?? 0,
      TransactWriteItems: summary.byCommand.TransactWriteItems ?? 0,
      sequential: summary.sequentialRoundTrips,
      'floor sequential': 3,
      verdict: verdict(summary.calls <= target && summary.sequentialRoundTrips <= 3),
    });
  }
  // The same 1,000 again, every one a member now: batch reads only, nothing written.
  const again = await recorder.measure(() => last!.invite(last!.users.map((u) => u._id)));
  bulk.push({
    N: '1000, all members already',
    status: again.result.statusCode ?? 0,
    calls: again.summary.calls,
    'floor calls': Math.ceil((2 * 1000 + 5 + ROOM_COUNTER_SHARDS) / BATCH_GET_LIMIT) + 1,
    BatchGetItem: again.summary.byCommand.BatchGetItem ?? 0,
    TransactWriteItems: again.summary.byCommand.TransactWriteItems ?? 0,
    sequential: again.summary.sequentialRoundTrips,
    'floor sequential': 1,
    verdict: verdict(again.summary.sequentialRoundTrips <= 1 && !again.summary.byCommand.TransactWriteItems),
  });
  console.log(
    `\nBulk channels.invite (userIds), warm: reads ⌈(2N+${5 + ROOM_COUNTER_SHARDS})/${BATCH_GET_LIMIT}⌉ at once, transactions ⌈N/${ADDITIONS_PER_TRANSACTION}⌉ at once (each on its own counter shard), the count, the re-read\n`,
  );
  printTable(bulk);
  const rooms = await measureRooms(recorder);
  const links = await measureInviteLinks(recorder);
  return { single, bulk, rooms, links };
}

/** Rocket.Chat invite links, groups.invite and Berty Leave, warm (token cached), against their floors. */
async function measureInviteLinks(recorder: ReturnType<typeof recordDynamoDbCalls>) {
  const { findRoute } = await import('../functions/routes');
  const { createBertyGroup } = await import('../functions/domain/berty/multi-member-groups');
  // The admin (global permissions) also holds api-bypass-rate-limit: it is not counted at all.
  // The owner is a plain user: room-scoped rights, counted like anyone.
  const admin = await createUser({ username: `links-admin-${randomBytes(4).toString('hex')}`, roles: ['admin'] });
  const owner = await createUser({ username: `links-owner-${randomBytes(4).toString('hex')}` });
  const joiner = await createUser({ username: `links-joiner-${randomBytes(4).toString('hex')}` });
  const [adminToken, ownerToken, joinerToken] = [await createToken(admin._id), await createToken(owner._id), await createToken(joiner._id)];
  const channel = await createRoom({ name: `links-${randomBytes(4).toString('hex')}`, type: 'c', owner });
  const group = await createRoom({ name: `links-p-${randomBytes(4).toString('hex')}`, type: 'p', owner });
  const [invitee] = await createUsersInBulk([{ username: `links-invitee-${randomBytes(4).toString('hex')}` }]);
  const bertyPk = (await createBertyGroup([admin, joiner])).toString('base64');
  const rc = (user: { _id: string }, token: string) => ({ 'x-auth-token': token, 'x-user-id': user._id });
  const call = async (routeId: string, headers: Record<string, string>, body?: unknown, path?: string) => {
    const route = findRoute(routeId);
    const handler = await loadHandler(route);
    const event = buildEvent(route, { method: route.method, path: path ?? route.path, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (path) event.pathParameters = { _id: path.split('/').pop()! };
    return handler(event, buildContext(route));
  };
  const rows: Record<string, string | number | boolean>[] = [];
  const measure = async (label: string, floor: number, run: () => Promise<{ statusCode?: number; body?: string }>) => {
    const { result, summary } = await recorder.measure(run);
    rows.push({ request: label, status: result.statusCode ?? 0, calls: summary.calls, sequential: summary.sequentialRoundTrips, floor: `≤ ${floor}`, verdict: verdict(summary.sequentialRoundTrips <= floor) });
    return result;
  };
  await call('rocketchat-list-invites', rc(admin, adminToken)); // warms the admin's token
  await call('rocketchat-list-invites', rc(owner, ownerToken)); // and the owner's (a 400)
  await call('rocketchat-validate-invite-token', {}, { token: 'warm' });
  const created = await measure('findOrCreateInvite, new (count ∥ read, write)', 2, () =>
    call('rocketchat-find-or-create-invite', rc(owner, ownerToken), { rid: channel._id, days: 7, maxUses: 0 }),
  );
  const linkId = JSON.parse(created.body!)._id as string;
  await measure('findOrCreateInvite, reused (count ∥ read, read the link)', 2, () =>
    call('rocketchat-find-or-create-invite', rc(owner, ownerToken), { rid: channel._id, days: 7, maxUses: 0 }),
  );
  await call('rocketchat-validate-invite-token', rc(joiner, joinerToken), { token: 'warm' });
  await call('rocketchat-use-invite-token', rc(joiner, joinerToken), { token: 'warm-up' }); // warms the joiner's token (a 400)
  await measure('useInviteToken (count ∥ read the link, one transaction)', 2, () => call('rocketchat-use-invite-token', rc(joiner, joinerToken), { token: linkId }));
  await measure('validateInviteToken, no login (count ∥ link, room)', 2, () => call('rocketchat-validate-invite-token', {}, { token: linkId }));
  await measure('listInvites, admin (grants, query; not counted)', 2, () => call('rocketchat-list-invites', rc(admin, adminToken)));
  await measure('groups.invite, 1 user (count ∥ reads, write, re-read)', 3, () =>
    call('rocketchat-groups-invite', rc(owner, ownerToken), { roomId: group._id, userId: invitee!._id }),
  );
  await measure('sendInvitationEmail, admin (grants; events; not counted)', 1, () =>
    call('rocketchat-send-invitation-email', rc(admin, adminToken), { emails: ['someone@example.com'] }),
  );
  await measure('removeInvite, admin (grants, delete; not counted)', 2, () =>
    call('rocketchat-remove-invite', rc(admin, adminToken), undefined, `/api/v1/removeInvite/${linkId}`),
  );
  const bertyHeaders = { authorization: `Bearer ${joinerToken}` };
  await call('berty-multi-member-group-leave', bertyHeaders, { group_pk: Buffer.alloc(32).toString('base64') }); // warm
  await measure('Berty MultiMemberGroupLeave (count, one transaction)', 2, () => call('berty-multi-member-group-leave', bertyHeaders, { group_pk: bertyPk }));
  console.log('\nRocket.Chat invite links, groups.invite, Berty Leave (warm)\n');
  printTable(rows);
  return rows;
}

/** QuranReflect Rooms: an invite of 100 users and an accept, warm, against their floors. */
async function measureRooms(recorder: ReturnType<typeof recordDynamoDbCalls>) {
  const { createApiClient } = await import('../functions/store/api-clients');
  const { createGroup } = await import('../functions/domain/quranreflect/groups');
  const { findRoute } = await import('../functions/routes');
  const { readFileSync } = await import('node:fs');
  const owner = await createUser({ username: `rooms-owner-${randomBytes(4).toString('hex')}` });
  const ownerToken = await createToken(owner._id);
  const { clientId } = await createApiClient('bench-rooms');
  const group = await createGroup({ name: 'bench rooms', admin: owner });
  const users = await createUsersInBulk(Array.from({ length: 100 }, (_, i) => ({ username: `rooms-${randomBytes(4).toString('hex')}-${i}` })));
  const call = async (routeId: string, token: string, body?: unknown, query?: string) => {
    const route = findRoute(routeId);
    const path = route.path.replace('{id}', group.id);
    const headers = { 'x-auth-token': token, 'x-client-id': clientId };
    const handler = await loadHandler(route);
    return handler(
      buildEvent(route, { method: route.method, path, rawQueryString: query, headers, body: body === undefined ? undefined : JSON.stringify(body) }, { id: group.id }),
      buildContext(route),
    );
  };
  await call('quranreflect-rooms-invite', ownerToken, { userIds: [String(owner.userId)] }); // warm
  const invite = await recorder.measure(() => call('quranreflect-rooms-invite', ownerToken, { userIds: users.map((u) => String(u.userId)) }));
  // The clear token is only in the Invitation Created event (the outbox file here).
  const outbox = readFileSync(process.env.EVENTS_OUTBOX ?? '.local/outbox.jsonl', 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  const invitee = users[0]!;
  const event = outbox.filter((e) => e.detail.roomId === Number(group.id) && e.detail.invitee.userId === String(invitee.userId)).at(-1);
  const token = new URL(event.detail.acceptUrl, 'http://local').searchParams.get('token')!;
  const inviteeToken = await createToken(invitee._id);
  await call('quranreflect-rooms-accept-invite', inviteeToken, undefined, 'token=warm-up');
  const accept = await recorder.measure(() => call('quranreflect-rooms-accept-invite', inviteeToken, undefined, `token=${token}`));
  const rows = [
    { request: 'Rooms invite, 100 userIds (warm)', status: invite.result.statusCode ?? 0, calls: invite.summary.calls, sequential: invite.summary.sequentialRoundTrips, floor: '≤ 3 sequential', verdict: verdict(invite.summary.sequentialRoundTrips <= 3) },
    { request: 'Rooms accept-invite (warm)', status: accept.result.statusCode ?? 0, calls: accept.summary.calls, sequential: accept.summary.sequentialRoundTrips, floor: '≤ 2 sequential (one read, one transaction)', verdict: verdict(accept.summary.sequentialRoundTrips <= 2) },
  ];
  console.log('\nQuranReflect Rooms (the rate-limit count overlaps the read; events go to the outbox, not DynamoDB)\n');
  printTable(rows);
  return rows;
}

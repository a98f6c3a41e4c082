/** Section 1: DynamoDB calls and sequential round trips per request, counted by an SDK middleware. */
import { randomBytes } from 'node:crypto';
import { BATCH_GET_LIMIT } from '../functions/store/batch';
import { dynamoDbClient } from '../functions/store/client';
import { createRoom } from '../functions/dialects/rocketchat/domain/rooms';
import { createUser, createUsersInBulk } from '../functions/domain/users';
import { ADDITIONS_PER_TRANSACTION, ROOM_COUNTER_SHARDS } from '../functions/dialects/rocketchat/store/rocketchat-rooms';
import { createToken } from '../functions/store/tokens';
import { buildContext, buildEvent } from '../local/api-gateway-event';
import { recordDynamoDbCalls } from '../local/dynamodb-call-recorder';
import { loadHandler } from '../local/handlers';
import type { Scenario } from './scenarios';
import { step } from './progress';
import { printTable, verdict } from './stats';

export async function measureRoundTrips(scenarios: Scenario[]) {
  const recorder = recordDynamoDbCalls(dynamoDbClient);
  // The rate-limit bypass grant is cached per instance (30 s) whoever calls: read beforehand, so a
  // cold row measures the first use of its token only.
  const { readPermissionRoles } = await import('../functions/dialects/rocketchat/domain/permissions');
  await readPermissionRoles('api-bypass-rate-limit');
  const single = [];
  for (const scenario of scenarios) {
    step(`${scenario.route.id}: cold and warm`);
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
      verdict: verdict(
        cold.summary.sequentialRoundTrips <= scenario.floors.cold && warm.summary.sequentialRoundTrips <= scenario.floors.warm,
      ),
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
    const users = await createUsersInBulk(
      Array.from({ length: n }, (_, i) => ({ username: `bulk-${randomBytes(4).toString('hex')}-${i}` })),
    );
    const invite = (userIds: string[]) =>
      handler(
        buildEvent(route, { method: 'POST', path: route.path, headers, body: JSON.stringify({ roomId: room._id, userIds }) }),
        buildContext(route),
      );
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
  step('the QuranReflect Rooms routes');
  const rooms = await measureRooms(recorder);
  step('the invite links, groups.invite and Berty Leave');
  const links = await measureInviteLinks(recorder);
  return { single, bulk, rooms, links };
}

/** Rocket.Chat invite links, groups.invite and Berty Leave, warm (token cached), against their floors. */
async function measureInviteLinks(recorder: ReturnType<typeof recordDynamoDbCalls>) {
  const { findRoute } = await import('../functions/routes');
  const { createBertyGroup } = await import('../functions/dialects/berty/domain/multi-member-groups');
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
    const event = buildEvent(route, {
      method: route.method,
      path: path ?? route.path,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (path) event.pathParameters = { _id: path.split('/').pop()! };
    return handler(event, buildContext(route));
  };
  const rows: Record<string, string | number | boolean>[] = [];
  const measure = async (label: string, floor: number, run: () => Promise<{ statusCode?: number; body?: string }>) => {
    const { result, summary } = await recorder.measure(run);
    rows.push({
      request: label,
      status: result.statusCode ?? 0,
      calls: summary.calls,
      sequential: summary.sequentialRoundTrips,
      floor: `≤ ${floor}`,
      verdict: verdict(summary.sequentialRoundTrips <= floor),
    });
    return result;
  };
  await call('rocketchat-list-invites', rc(admin, adminToken)); // warms the admin's token
  await call('rocketchat-list-invites', rc(owner, ownerToken)); // and the owner's (a 400)
  await call('rocketchat-validate-invite-token', {}, { token: 'warm' });
  const created = await measure('findOrCreateInvite, new (count ∥ read, write)', 2, () =>
    call('rocketchat-find-or-create-invite', rc(owner, ownerToken), { rid: channel._id, days: 7, maxUses: 0 }),
  );
  const { _id: linkId, inviteToken: linkToken } = JSON.parse(created.body!) as { _id: string; inviteToken: string };
  await measure('findOrCreateInvite, reused (count ∥ read, read the link)', 2, () =>
    call('rocketchat-find-or-create-invite', rc(owner, ownerToken), { rid: channel._id, days: 7, maxUses: 0 }),
  );
  await call('rocketchat-validate-invite-token', rc(joiner, joinerToken), { token: 'warm' });
  await call('rocketchat-use-invite-token', rc(joiner, joinerToken), { token: 'warm-up' }); // warms the joiner's token (a 400)
  await measure('useInviteToken (count ∥ read the link, one transaction)', 2, () =>
    call('rocketchat-use-invite-token', rc(joiner, joinerToken), { token: linkToken }),
  );
  await measure('validateInviteToken, no login (count ∥ link, room)', 2, () =>
    call('rocketchat-validate-invite-token', {}, { token: linkToken }),
  );
  await measure('listInvites, admin (grants, query; not counted)', 2, () => call('rocketchat-list-invites', rc(admin, adminToken)));
  await measure('groups.invite, 1 user (count ∥ reads, write, re-read)', 3, () =>
    call('rocketchat-groups-invite', rc(owner, ownerToken), { roomId: group._id, userId: invitee!._id }),
  );
  // Three steps, each needing the one before: the grant and the daily cap (a setting), the day's
  // reservation against that cap (a conditional single-item update), the event notes. Joining the
  // last two in one transaction would make two requests of one caller conflict (docs/benchmarks.md).
  await measure('sendInvitationEmail, admin (grants ∥ settings, reserve the day, the event notes; not counted)', 3, () =>
    call('rocketchat-send-invitation-email', rc(admin, adminToken), { emails: ['someone@example.com'] }),
  );
  // With a link for [Invite_URL]: the link and its room are read alongside the grant and settings.
  await measure('sendInvitationEmail with inviteId (grants ∥ settings ∥ link, room; reserve; notes)', 4, () =>
    call('rocketchat-send-invitation-email', rc(admin, adminToken), { emails: ['someone-else@example.com'], inviteId: linkId }),
  );
  await measure('removeInvite, admin (grants ∥ the id pointer, delete; not counted)', 2, () =>
    call('rocketchat-remove-invite', rc(admin, adminToken), undefined, `/api/v1/removeInvite/${linkId}`),
  );
  // A ban: the context read (as an invite's), the user's membership, one transaction; an unban: the read, one transaction.
  await measure('rooms.banUser, owner (count ∥ reads, the membership, one transaction)', 3, () =>
    call('rocketchat-rooms-ban-user', rc(owner, ownerToken), { roomId: group._id, userId: invitee!._id }),
  );
  await measure('rooms.unbanUser, owner (count ∥ reads, one transaction)', 2, () =>
    call('rocketchat-rooms-unban-user', rc(owner, ownerToken), { roomId: group._id, userId: invitee!._id }),
  );
  const bertyHeaders = { authorization: `Bearer ${joinerToken}` };
  await call('berty-multi-member-group-leave', bertyHeaders, { group_pk: Buffer.alloc(32).toString('base64') }); // warm
  await measure('Berty MultiMemberGroupLeave (count, one transaction)', 2, () =>
    call('berty-multi-member-group-leave', bertyHeaders, { group_pk: bertyPk }),
  );
  console.log('\nRocket.Chat invite links, groups.invite, Berty Leave (warm)\n');
  printTable(rows);
  return rows;
}

/** QuranReflect Rooms: every route, warm (its token used before), against its floor. */
async function measureRooms(recorder: ReturnType<typeof recordDynamoDbCalls>) {
  const { createApiClient } = await import('../functions/store/api-clients');
  const { createGroup } = await import('../functions/dialects/quranreflect/domain/groups');
  const { findRoute } = await import('../functions/routes');
  const { listGroupInvitations } = await import('../functions/dialects/quranreflect/store/invitations');
  const { invitationKey } = await import('../functions/dialects/quranreflect/store/items');
  const { invitationTokenKey } = await import('../functions/secrets/invitation-token-key');
  const { invitationToken: rebuildToken } = await import('../functions/lib/invitation-token');
  const owner = await createUser({ username: `rooms-owner-${randomBytes(4).toString('hex')}` });
  const ownerToken = await createToken(owner._id);
  const { clientId } = await createApiClient('bench-rooms');
  const group = await createGroup({ name: 'bench rooms', admin: owner });
  const open = await createGroup({ name: 'bench open', admin: owner, isPublic: true });
  const users = await createUsersInBulk(
    Array.from({ length: 100 }, (_, i) => ({ username: `rooms-${randomBytes(4).toString('hex')}-${i}` })),
  );
  const tokens = await Promise.all(users.slice(0, 4).map((user) => createToken(user._id)));
  /** Calls a Rooms route; `{name}` in its path is filled from `params` (the room id by default). */
  const call = async (
    routeId: string,
    token: string,
    options: { body?: unknown; query?: string; params?: Record<string, string> } = {},
  ) => {
    const route = findRoute(routeId);
    const params: Record<string, string> = { id: group.id, ...options.params };
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
    const handler = await loadHandler(route);
    const headers = { 'x-auth-token': token, 'x-client-id': clientId };
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    return handler(
      buildEvent(route, { method: route.method, path, rawQueryString: options.query, headers, body }, params),
      buildContext(route),
    );
  };
  const rows: Record<string, string | number | boolean>[] = [];
  const measure = async (label: string, floor: number, run: () => Promise<{ statusCode?: number }>) => {
    const { result, summary } = await recorder.measure(run);
    rows.push({
      request: label,
      status: result.statusCode ?? 0,
      calls: summary.calls,
      sequential: summary.sequentialRoundTrips,
      floor: `≤ ${floor}`,
      verdict: verdict(summary.sequentialRoundTrips <= floor && (result.statusCode ?? 0) < 300),
    });
  };
  // Each token's first use (a 4xx or a read) before its measured rows.
  await call('quranreflect-rooms-invite', ownerToken, { body: { userIds: [String(owner.userId)] } });
  for (const token of tokens) await call('quranreflect-rooms-accept-invite', token, { query: 'token=warm-up' });

  await measure('invite, 100 userIds (count ∥ one batched read, 100 transactions at once)', 2, () =>
    call('quranreflect-rooms-invite', ownerToken, { body: { userIds: users.map((u) => String(u.userId)) } }),
  );
  // The clear token is in no table item: rebuilt from the invitation's nonce with the key, as the stream consumer does.
  const invitations = await listGroupInvitations(group.id);
  const key = await invitationTokenKey();
  const invitationToken = (userId: number) => {
    const invitation = invitations.find((candidate) => 'userId' in candidate.invitee && candidate.invitee.userId === userId)!;
    const { pk, sk } = invitationKey(invitation);
    return rebuildToken(key, pk, sk, invitation.tokenNonce!);
  };
  const [first, second] = users;
  await measure('accept-invite (count ∥ one read, one transaction)', 2, () =>
    call('quranreflect-rooms-accept-invite', tokens[0]!, { query: `token=${invitationToken(first!.userId)}` }),
  );
  await measure('reject-invite (count ∥ one read, one transaction)', 2, () =>
    call('quranreflect-rooms-reject-invite', tokens[1]!, { query: `token=${invitationToken(second!.userId)}` }),
  );
  await measure('get (count ∥ one read)', 1, () => call('quranreflect-rooms-get', ownerToken));
  await measure("members, page 1 (count ∥ read ∥ query, the page's users)", 2, () =>
    call('quranreflect-rooms-members', ownerToken, { query: 'limit=10&page=1' }),
  );
  await measure('admins-access, grant (count ∥ read ∥ user number, one update)', 2, () =>
    call('quranreflect-rooms-admins-access', ownerToken, {
      body: { roomId: Number(group.id), userId: String(first!.userId), admin: true },
    }),
  );
  await measure('remove-member (count ∥ read ∥ user number, one transaction)', 2, () =>
    call('quranreflect-rooms-remove-member', ownerToken, { params: { userId: String(first!.userId) } }),
  );
  await measure('join, public (count ∥ one read, one transaction)', 2, () =>
    call('quranreflect-rooms-join', tokens[2]!, { params: { groupId: open.id } }),
  );
  await measure('leave (count ∥ one read, one transaction)', 2, () =>
    call('quranreflect-rooms-leave', tokens[2]!, { params: { groupId: open.id } }),
  );
  await measure('accept private link (count ∥ url guard, room read, one transaction)', 3, () =>
    call('quranreflect-rooms-accept-private-link', tokens[3]!, { params: { url: group.url!, token: group.privateToken! } }),
  );
  await measure('create group (count ∥ group number, one transaction)', 2, () =>
    call('quranreflect-rooms-create-group', ownerToken, { body: { name: 'bench new', url: `bench-${randomBytes(4).toString('hex')}` } }),
  );
  console.log(
    "\nQuranReflect Rooms, warm (the rate-limit count overlaps the first read; requests publish nothing: events come from the table's stream)\n",
  );
  printTable(rows);
  return rows;
}

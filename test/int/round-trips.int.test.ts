/**
 * Round trips per request, counted by an SDK middleware against DynamoDB Local: a warm invite
 * authenticates from the cache, its rate-limit count overlaps its reads, and it takes at most
 * three sequential round trips; bulk invites batch.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { findRoute } from '../../functions/routes';
import { dynamoDbClient } from '../../functions/store/client';
import { buildContext, buildEvent } from '../../local/api-gateway-event';
import { recordDynamoDbCalls, summarize } from '../../local/dynamodb-call-recorder';
import * as fixtures from '../support/fixtures';

process.env.RATE_LIMIT = 'on';
const recorder = recordDynamoDbCalls(dynamoDbClient);
type Handler = (event: unknown, context: unknown) => Promise<{ statusCode?: number; body?: string }>;
let rocketChat: Handler;
let quranReflect: Handler;

beforeAll(async () => {
  rocketChat = (await import('../../functions/dialects/rocketchat/handlers/channels-invite')).handler as unknown as Handler;
  quranReflect = (await import('../../functions/dialects/quranreflect/handlers/invite-user')).handler as unknown as Handler;
});

async function invoke(
  handler: Handler,
  routeId: string,
  headers: Record<string, string>,
  body: unknown,
  path?: string,
  params?: Record<string, string>,
) {
  const route = findRoute(routeId);
  const event = buildEvent(
    route,
    { method: route.method, path: path ?? route.path, headers, body: JSON.stringify(body), sourceIp: '127.9.9.9' },
    params,
  );
  return handler(event, buildContext(route));
}

describe('summarize', () => {
  test('parallel calls are one round, dependent ones add up', () => {
    expect(
      summarize([
        { command: 'A', start: 0, end: 10 },
        { command: 'B', start: 1, end: 9 },
        { command: 'C', start: 11, end: 20 },
        { command: 'D', start: 21, end: 30 },
      ]),
    ).toMatchObject({ calls: 4, sequentialRoundTrips: 3 });
  });
});

describe('Rocket.Chat channels.invite', () => {
  test('cold: auth alongside the count; warm: ≤ 3 sequential round trips', async () => {
    const owner = await fixtures.user();
    const room = await fixtures.channel({ owner });
    const [first, second] = await fixtures.manyUsers(2);
    // The bypass grant is cached per instance (30 s): read beforehand, so the cold call measures the token read only.
    const { readPermissionRoles } = await import('../../functions/dialects/rocketchat/domain/permissions');
    await readPermissionRoles('api-bypass-rate-limit');
    const cold = await recorder.measure(() =>
      invoke(rocketChat, 'rocketchat-channels-invite', owner.headers, { roomId: room._id, userId: first!._id }),
    );
    expect(cold.result.statusCode).toBe(200);
    expect(cold.summary.sequentialRoundTrips).toBe(4); // auth ∥ count, reads, write, re-read
    const warm = await recorder.measure(() =>
      invoke(rocketChat, 'rocketchat-channels-invite', owner.headers, { roomId: room._id, userId: second!._id }),
    );
    expect(warm.result.statusCode).toBe(200);
    expect(warm.summary).toEqual({
      calls: 4,
      sequentialRoundTrips: 3, // count ∥ reads, write, re-read (one query of the room and its counter shards)
      byCommand: { UpdateItem: 1, BatchGetItem: 1, TransactWriteItems: 1, Query: 1 },
    });
  });

  test('inviting a member again, warm: the read finds the membership, nothing is written: 1 sequential round trip', async () => {
    const owner = await fixtures.user();
    const room = await fixtures.channel({ owner });
    const [member] = await fixtures.manyUsers(1);
    await invoke(rocketChat, 'rocketchat-channels-invite', owner.headers, { roomId: room._id, userId: member!._id });
    const again = await recorder.measure(() =>
      invoke(rocketChat, 'rocketchat-channels-invite', owner.headers, { roomId: room._id, userId: member!._id }),
    );
    expect(again.result.statusCode).toBe(200);
    expect(JSON.parse(again.result.body!).channel).toMatchObject({ _id: room._id, usersCount: 2, msgs: 1 });
    expect(again.summary).toEqual({ calls: 2, sequentialRoundTrips: 1, byCommand: { UpdateItem: 1, BatchGetItem: 1 } });
  });

  test('1,000 users: 3 sequential round trips (21 batched reads at once, 21 transactions at once, the re-read)', async () => {
    const owner = await fixtures.user();
    const room = await fixtures.channel({ owner });
    const users = await fixtures.manyUsers(1000);
    await invoke(rocketChat, 'rocketchat-channels-invite', owner.headers, { roomId: room._id, userIds: [] }); // warm the auth cache
    const bulk = await recorder.measure(() =>
      invoke(rocketChat, 'rocketchat-channels-invite', owner.headers, { roomId: room._id, userIds: users.map((u) => u._id) }),
    );
    expect(bulk.result.statusCode).toBe(200);
    // 2,026 keys (room, 21 counter shards, inviter's membership, 3 grants, per user its item and
    // membership) in 21 calls; 21 chunks of ≤ 49 users, each on its own counter shard.
    expect(bulk.summary).toEqual({
      calls: 44,
      sequentialRoundTrips: 3,
      byCommand: { UpdateItem: 1, BatchGetItem: 21, TransactWriteItems: 21, Query: 1 },
    });
    expect(JSON.parse(bulk.result.body!).channel).toMatchObject({ usersCount: 1001, msgs: 1000 });
  }, 60_000);
});

describe('QuranReflect inviteUser', () => {
  test('warm: count ∥ reads, then the write: 2 sequential round trips', async () => {
    const client = await fixtures.clientId();
    const admin = await fixtures.user();
    const group = await fixtures.group({ admin });
    const call = (email: string) =>
      invoke(
        quranReflect,
        'quranreflect-groups-invite-user',
        fixtures.quranHeaders(admin, client),
        { email },
        `/v1/groups/${group.id}/inviteUser`,
        { groupId: group.id },
      );
    await call(`${fixtures.unique('w')}@example.com`);
    const warm = await recorder.measure(() => call(`${fixtures.unique('w')}@example.com`));
    expect(warm.result.statusCode).toBe(200);
    expect(warm.summary).toEqual({
      calls: 3,
      sequentialRoundTrips: 2,
      byCommand: { UpdateItem: 1, BatchGetItem: 1, TransactWriteItems: 1 },
    });
  });
});

describe('first use of a token (nothing cached): the token names its user, so both are one read', () => {
  test('QuranReflect inviteUser, cold: token and user ∥ client id, then count ∥ reads, then the write: 3 sequential', async () => {
    const client = await fixtures.clientId();
    const admin = await fixtures.user();
    const group = await fixtures.group({ admin });
    const headers = fixtures.quranHeaders(admin, client);
    // The client id is cached once known; a first request of another token warms it.
    const other = await fixtures.user();
    await invoke(
      quranReflect,
      'quranreflect-groups-invite-user',
      fixtures.quranHeaders(other, client),
      { email: 'x@example.com' },
      `/v1/groups/${group.id}/inviteUser`,
      { groupId: group.id },
    );
    const cold = await recorder.measure(() =>
      invoke(
        quranReflect,
        'quranreflect-groups-invite-user',
        headers,
        { email: `${fixtures.unique('c')}@example.com` },
        `/v1/groups/${group.id}/inviteUser`,
        { groupId: group.id },
      ),
    );
    expect(cold.result.statusCode).toBe(200);
    expect(cold.summary).toEqual({
      calls: 4,
      sequentialRoundTrips: 3,
      byCommand: { UpdateItem: 1, BatchGetItem: 2, TransactWriteItems: 1 },
    });
  });

  test('Berty InvitationCreate, cold: token and user, then count ∥ the group read: 2 sequential', async () => {
    const { createBertyGroup } = await import('../../functions/dialects/berty/domain/multi-member-groups');
    const member = await fixtures.user();
    const groupPk = (await createBertyGroup([member])).toString('base64');
    const handler = (await import('../../functions/dialects/berty/handlers/invitation-create')).handler as unknown as Handler;
    const cold = await recorder.measure(() =>
      invoke(handler, 'berty-multi-member-group-invitation-create', fixtures.authHeaders('berty', member), { group_pk: groupPk }),
    );
    expect(cold.result.statusCode).toBe(200);
    expect(cold.summary).toEqual({ calls: 3, sequentialRoundTrips: 2, byCommand: { UpdateItem: 1, BatchGetItem: 2 } });
  });

  test('a token of another shape still works, in two reads; a token naming another user is refused', async () => {
    const { findUserByToken, createToken, userIdInToken } = await import('../../functions/store/tokens');
    const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
    const { documentClient, tableName } = await import('../../functions/store/client');
    const { tokenCodec } = await import('../../functions/store/items');
    const { hashToken } = await import('../../functions/lib/ids');
    const owner = await fixtures.user();
    const opaque = fixtures.unique('opaque-token');
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: tokenCodec.encode({ tokenHash: hashToken(opaque), userId: owner._id, createdAt: new Date(0).toISOString() }),
      }),
    );
    const lookup = await recorder.measure(() => findUserByToken(opaque));
    expect(lookup.result?._id).toBe(owner._id);
    expect(lookup.summary).toMatchObject({ sequentialRoundTrips: 2, byCommand: { GetItem: 2 } });

    const token = await createToken(owner._id);
    expect(userIdInToken(token)).toBe(owner._id);
    const other = await fixtures.user();
    const forged = `${other._id}.${token.slice(token.lastIndexOf('.') + 1)}`;
    expect(await findUserByToken(forged)).toBeUndefined();
    expect(await findUserByToken(token, other._id)).toBeUndefined();
    expect((await findUserByToken(token))?._id).toBe(owner._id);
  });
});

describe('QuranReflect Rooms', () => {
  async function roomsHandler(name: string): Promise<Handler> {
    return (await import(`../../functions/dialects/quranreflect/handlers/rooms/${name}.ts`)).handler as unknown as Handler;
  }

  test('invite of 100 users, warm: count ∥ one batched read, then 100 transactions at once: 2 sequential', async () => {
    const { latestInvitation } = await import('../support/outbox');
    const client = await fixtures.clientId();
    const owner = await fixtures.user();
    const group = await fixtures.group({ admin: owner });
    const users = await fixtures.manyUsers(100);
    const invite = await roomsHandler('invite');
    const route = findRoute('quranreflect-rooms-invite');
    const call = (userIds: string[]) =>
      invite(
        buildEvent(
          route,
          {
            method: 'POST',
            path: `/v1/rooms/${group.id}/invite`,
            headers: fixtures.quranHeaders(owner, client),
            body: JSON.stringify({ userIds }),
          },
          { id: group.id },
        ),
        buildContext(route),
      );
    await call([String(owner.userId)]); // warms the auth cache
    const measured = await recorder.measure(() => call(users.map((u) => String(u.userId))));
    expect(measured.result.statusCode).toBe(200);
    expect(measured.summary).toEqual({
      calls: 103,
      sequentialRoundTrips: 2,
      byCommand: { UpdateItem: 1, BatchGetItem: 2, TransactWriteItems: 100 },
    });

    // Accepting, warm: count ∥ one read, then one transaction.
    const invitee = users[0]!;
    const inviteeToken = await fixtures.tokenFor(invitee._id);
    const accept = await roomsHandler('accept-invite');
    const acceptRoute = findRoute('quranreflect-rooms-accept-invite');
    const acceptCall = (token: string) =>
      accept(
        buildEvent(
          acceptRoute,
          {
            method: 'GET',
            path: `/v1/rooms/${group.id}/accept-invite`,
            rawQueryString: `token=${token}`,
            headers: { 'x-auth-token': inviteeToken, 'x-client-id': client },
          },
          { id: group.id },
        ),
        buildContext(acceptRoute),
      );
    await acceptCall('warm-up'); // warms the auth cache (a 400)
    const { token } = await latestInvitation(group.id, { userId: invitee.userId });
    const accepted = await recorder.measure(() => acceptCall(token));
    expect(accepted.result.statusCode).toBe(200);
    expect(accepted.summary).toEqual({
      calls: 3,
      sequentialRoundTrips: 2,
      byCommand: { UpdateItem: 1, BatchGetItem: 1, TransactWriteItems: 1 },
    });
  }, 60_000);
});

describe('QuranReflect Rooms, create and get, warm', () => {
  test('create: the count ∥ the group number, then one transaction (2); get: the count ∥ one read (1)', async () => {
    const client = await fixtures.clientId();
    const owner = await fixtures.user();
    const headers = fixtures.quranHeaders(owner, client);
    const create = (await import('../../functions/dialects/quranreflect/handlers/rooms/create-group')).handler as unknown as Handler;
    const get = (await import('../../functions/dialects/quranreflect/handlers/rooms/get-room')).handler as unknown as Handler;
    const createGroupCall = () =>
      invoke(create, 'quranreflect-rooms-create-group', headers, { name: 'counted', url: fixtures.unique('counted') });
    await createGroupCall(); // warms the token
    const created = await recorder.measure(createGroupCall);
    expect(created.result.statusCode).toBe(201);
    expect(created.summary).toEqual({ calls: 3, sequentialRoundTrips: 2, byCommand: { UpdateItem: 2, TransactWriteItems: 1 } });
    const id = String(JSON.parse(created.result.body!).data.id);
    const read = await recorder.measure(() => invoke(get, 'quranreflect-rooms-get', headers, undefined, `/v1/rooms/${id}`, { id }));
    expect(read.result.statusCode).toBe(200);
    expect(read.summary).toEqual({ calls: 2, sequentialRoundTrips: 1, byCommand: { UpdateItem: 1, BatchGetItem: 1 } });
  });
});

describe('Rocket.Chat useInviteToken', () => {
  test('warm: the count ∥ one read of the link, then one transaction: 2 sequential', async () => {
    const owner = await fixtures.user();
    const room = await fixtures.channel({ owner });
    const joiner = await fixtures.user();
    const use = (await import('../../functions/dialects/rocketchat/handlers/invites/use-token')).handler as unknown as Handler;
    const create = (await import('../../functions/dialects/rocketchat/handlers/invites/find-or-create')).handler as unknown as Handler;
    const link = JSON.parse(
      (await invoke(create, 'rocketchat-find-or-create-invite', owner.headers, { rid: room._id, days: 1, maxUses: 5 })).body!,
    );
    await invoke(use, 'rocketchat-use-invite-token', joiner.headers, { token: 'warm-up' }); // warms the auth cache (a 400)
    const measured = await recorder.measure(() => invoke(use, 'rocketchat-use-invite-token', joiner.headers, { token: link.inviteToken }));
    expect(measured.result.statusCode).toBe(200);
    expect(measured.summary).toEqual({
      calls: 3,
      sequentialRoundTrips: 2,
      byCommand: { UpdateItem: 1, GetItem: 1, TransactWriteItems: 1 },
    });
  });
});

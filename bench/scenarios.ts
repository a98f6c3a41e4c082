/**
 * One request per endpoint, with the data it needs, for the benchmark's sections: the Lambda
 * event (to call the handler in-process), the HTTP request (for autocannon), and a "bare"
 * version doing the same reads and writes through the store without middy, zod or auth.
 */
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createBertyGroup } from '../functions/dialects/berty/domain/multi-member-groups';
import { newInvitation } from '../functions/dialects/quranreflect/domain/invite-user';
import { createGroup } from '../functions/dialects/quranreflect/domain/groups';
import { toChannelView } from '../functions/dialects/rocketchat/domain/channel-view';
import { addUsersToRoom, createRoom } from '../functions/dialects/rocketchat/domain/rooms';
import { createUser, createUsersInBulk } from '../functions/domain/users';
import { checkGroup, newMultiMemberGroup } from '../functions/lib/ed25519-group';
import type { User } from '../functions/model';
import { findRoute, type Route } from '../functions/routes';
import { createApiClient } from '../functions/store/api-clients';
import { addBertyGroupMembers, readBertyGroupForMember } from '../functions/dialects/berty/store/berty-groups';
import { readGroupInviteContext } from '../functions/dialects/quranreflect/store/group-reads';
import { upsertInvitation } from '../functions/dialects/quranreflect/store/invitations';
import { countRequest } from '../functions/store/rate-limits';
import { getRoom, readInviteContext } from '../functions/dialects/rocketchat/store/rocketchat-rooms';
import { createToken } from '../functions/store/tokens';
import { buildEvent } from '../local/api-gateway-event';

export interface Scenario {
  route: Route;
  /** A request body and headers; `next()` varies the body so repeated calls do new work. */
  request(): { headers: Record<string, string>; body: unknown; path: string };
  event(): APIGatewayProxyEventV2;
  bare(event: APIGatewayProxyEventV2): Promise<{ statusCode: number; body: string }>;
  /** The fewest sequential DynamoDB round trips a correct request needs: first use of its token, and after. */
  floors: { cold: number; warm: number };
}

const suffix = () => randomBytes(4).toString('hex');
/** The bare inviteUser makes its token as the handler does (the key is read once per instance, like the handler's). */
const BENCH_TOKEN_KEY = randomBytes(32);
const json = (statusCode: number, body: unknown) => ({ statusCode, body: JSON.stringify(body) });

export async function buildScenarios(options: { invitees: number }): Promise<Scenario[]> {
  const owner = await createUser({ username: `bench-owner-${suffix()}` });
  const ownerToken = await createToken(owner._id);
  const room = await createRoom({ name: `bench-${suffix()}`, type: 'c', owner });
  const invitees = await createUsersInBulk(Array.from({ length: options.invitees }, (_, i) => ({ username: `bench-${suffix()}-${i}` })));
  const { clientId } = await createApiClient('bench');
  const group = await createGroup({ name: 'bench', admin: owner });
  const bertyPk = await createBertyGroup([owner]);
  let next = 0;
  const nextInvitee = (): User => invitees[next++ % invitees.length]!;
  // A token of its own per scenario, so that each one's first request is the first use of its token.
  const token = async () => createToken(owner._id);
  const rc = { 'x-auth-token': ownerToken, 'x-user-id': owner._id, 'content-type': 'application/json' };
  const qr = { 'x-auth-token': await token(), 'x-client-id': clientId, 'content-type': 'application/json' };
  const bearer = async () => ({ authorization: `Bearer ${await token()}`, 'content-type': 'application/json' });
  const [btCreate, btInvitation, btJoin] = [await bearer(), await bearer(), await bearer()];

  const scenario = (
    routeId: string,
    request: () => { headers: Record<string, string>; body: unknown; path?: string },
    bare: Scenario['bare'],
    floors: Scenario['floors'],
  ): Scenario => {
    const route = findRoute(routeId);
    const full = () => {
      const r = request();
      return { ...r, path: r.path ?? route.path };
    };
    return {
      route,
      request: full,
      event: () => {
        const r = full();
        const params = route.path.includes('{groupId}') ? { groupId: group.id } : undefined;
        return buildEvent(
          route,
          { method: route.method, path: r.path, headers: r.headers, body: JSON.stringify(r.body), sourceIp: '127.0.0.1' },
          params,
        );
      },
      bare,
      floors,
    };
  };

  const countBare = (routeId: string) => countRequest(routeId, 'bench', 60);

  return [
    scenario(
      'rocketchat-channels-invite',
      () => ({ headers: rc, body: { roomId: room._id, userId: nextInvitee()._id } }),
      async (event) => {
        const body = JSON.parse(event.body!);
        const [context] = await Promise.all([
          readInviteContext({
            roomId: body.roomId,
            inviterId: owner._id,
            userIds: [body.userId],
            usernames: [],
            permissions: ['add-user-to-joined-room', 'add-user-to-any-c-room', 'add-user-to-any-p-room'],
          }),
          countBare('rocketchat-channels-invite'),
        ]);
        await addUsersToRoom(body.roomId, owner, [...context.users.byId.values()]);
        return json(200, { channel: toChannelView((await getRoom(body.roomId))!), success: true });
      },
      // Cold: token and user, then the count ∥ the reads (the count waits for a valid token), write, re-read.
      { cold: 4, warm: 3 },
    ),
    scenario(
      'quranreflect-groups-invite-user',
      () => ({ headers: qr, body: { email: `bench-${suffix()}@example.com` }, path: `/v1/groups/${group.id}/inviteUser` }),
      async (event) => {
        const body = JSON.parse(event.body!);
        await Promise.all([
          readGroupInviteContext({ groupId: group.id, callerId: owner._id, email: body.email }),
          countBare('quranreflect-groups-invite-user'),
        ]);
        const now = Date.now();
        await upsertInvitation(
          newInvitation(group.id, { kind: 'email', email: body.email }, owner, now, 604_800, BENCH_TOKEN_KEY).invitation,
          Math.floor(now / 1000),
        );
        return json(200, { success: true, data: { message: 'User has been invited successfully.' } });
      },
      // Cold: token and user ∥ client id, then count ∥ reads, then the write.
      { cold: 3, warm: 2 },
    ),
    scenario(
      'berty-multi-member-group-create',
      () => ({ headers: btCreate, body: {} }),
      async () => {
        await countBare('berty-multi-member-group-create');
        return json(200, { group_pk: (await createBertyGroup([owner])).toString('base64') });
      },
      { cold: 3, warm: 2 },
    ),
    scenario(
      'berty-multi-member-group-invitation-create',
      () => ({ headers: btInvitation, body: { group_pk: bertyPk.toString('base64') } }),
      async (event) => {
        const body = JSON.parse(event.body!);
        const [group] = await Promise.all([
          readBertyGroupForMember(Buffer.from(body.group_pk, 'base64'), owner._id),
          countBare('berty-multi-member-group-invitation-create'),
        ]);
        return json(200, { group });
      },
      { cold: 2, warm: 1 },
    ),
    scenario(
      'berty-multi-member-group-join',
      () => {
        const g = newMultiMemberGroup();
        return {
          headers: btJoin,
          body: {
            group: {
              public_key: g.publicKey.toString('base64'),
              secret: g.secret.toString('base64'),
              secret_sig: g.secretSig.toString('base64'),
            },
          },
        };
      },
      async (event) => {
        const { group } = JSON.parse(event.body!);
        const secrets = {
          publicKey: Buffer.from(group.public_key, 'base64'),
          secret: Buffer.from(group.secret, 'base64'),
          secretSig: Buffer.from(group.secret_sig, 'base64'),
        };
        if (checkGroup(secrets) !== 'valid') return json(400, {});
        await countBare('berty-multi-member-group-join');
        await addBertyGroupMembers(secrets, [owner], new Date().toISOString(), { how: 'joined' });
        return json(200, {});
      },
      { cold: 3, warm: 2 },
    ),
  ];
}

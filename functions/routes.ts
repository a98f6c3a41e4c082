/**
 * The route table: the single source for the CDK stack (one function and one API route per row),
 * the local server, the sample events under events/ and the README's endpoint table.
 * Adding an endpoint is one row here plus one handler file.
 */
import type { DialectName } from './dialects';
import type { RateLimitRule, RuntimeRoute } from './http/types';

export type DynamoDbAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'PutItem'
  | 'BatchWriteItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'TransactWriteItems';

export type { RateLimitRule } from './http/types';

/** A row of the route table: what a handler needs at run time (RuntimeRoute) and what builds, documents and grants it. */
export interface Route extends RuntimeRoute {
  /** The API dialect (functions/dialects): credentials, envelopes, docs. */
  dialect: DialectName;
  /** Handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  /**
   * The only table actions the function's role is granted: the handler's own, as a row lists them;
   * the table adds what the middleware chain needs (see chainAccess).
   */
  tableAccess: readonly DynamoDbAction[];
  summary: string;
  /** A representative request body for docs and sample events (`{{name}}`: a demo value; `"{{#name}}"`: one as a JSON number). */
  exampleBody: Record<string, unknown>;
  /** Whose demo credentials the example uses (default the demo admin's). */
  exampleCaller?: 'admin' | 'invitee';
  /** The example's path, when its parameters need other demo values than `{{<param name>}}`. */
  examplePath?: string;
  /** The example's query string (without `?`). */
  exampleQuery?: string;
  /** The function makes invitation tokens: it reads the token key (the secret, and its env var). */
  makesInvitationTokens?: boolean;
}

// Pure: bundles that do not use the table (see functions/http/route-of.ts) drop it.
export const routes: readonly Route[] = /* @__PURE__ */ withChainAccess(/* @__PURE__ */ insertAfter(
  'rocketchat-channels-invite',
  /* @__PURE__ */ rocketChatRoutes(),
  /* @__PURE__ */ insertAfter('quranreflect-groups-invite-user', /* @__PURE__ */ roomsRoutes(), /* @__PURE__ */ baseRoutes()),
));

/**
 * What the middleware chain reads and writes on every route, besides the handler's own work: the
 * rate-limit count (UpdateItem); for authenticated routes, the token with its user (BatchGetItem;
 * GetItem for a token that names no user), the client id and the rate-limit bypass grant (GetItem).
 */
function chainAccess(route: Pick<Route, 'anonymous'>): DynamoDbAction[] {
  return route.anonymous ? ['UpdateItem'] : ['GetItem', 'BatchGetItem', 'UpdateItem'];
}

function withChainAccess(rows: Route[]): Route[] {
  return rows.map((row) => ({ ...row, tableAccess: [...new Set<DynamoDbAction>([...chainAccess(row), ...row.tableAccess])] }));
}

function baseRoutes(): Route[] {
  return [
  {
    id: 'rocketchat-channels-invite',
    method: 'POST',
    path: '/api/v1/channels.invite',
    entry: 'functions/handlers/rocketchat/channels-invite.ts',
    dialect: 'rocketchat',
    // The room name guard, the invite's batched read, the additions, the re-read of the room.
    tableAccess: ['GetItem', 'BatchGetItem', 'TransactWriteItems', 'Query'],
    rateLimit: { limit: 10, windowSeconds: 60, key: 'ip' },
    summary: 'Rocket.Chat: add one or many users to a public channel',
    exampleBody: { roomId: '{{channelId}}', userIds: ['{{inviteeId}}'] },
  },
  {
    id: 'quranreflect-groups-invite-user',
    method: 'PUT',
    path: '/v1/groups/{groupId}/inviteUser',
    entry: 'functions/handlers/quranreflect/invite-user.ts',
    dialect: 'quranreflect',
    tableAccess: ['BatchGetItem', 'TransactWriteItems'],
    rateLimit: { limit: 60, windowSeconds: 60, key: 'user' },
    summary: 'QuranReflect: invite a user to a group by userId or e-mail',
    exampleBody: { email: '{{inviteeEmail}}' },
    makesInvitationTokens: true,
  },
  {
    id: 'berty-multi-member-group-create',
    method: 'POST',
    path: '/protocol/v1/MultiMemberGroupCreate',
    entry: 'functions/handlers/berty/group-create.ts',
    dialect: 'berty',
    tableAccess: ['TransactWriteItems'],
    rateLimit: { limit: 60, windowSeconds: 60, key: 'user' },
    summary: 'Berty: create a multi-member group (the caller is its first member)',
    exampleBody: {},
  },
  {
    id: 'berty-multi-member-group-invitation-create',
    method: 'POST',
    path: '/protocol/v1/MultiMemberGroupInvitationCreate',
    entry: 'functions/handlers/berty/invitation-create.ts',
    dialect: 'berty',
    tableAccess: ['BatchGetItem'],
    rateLimit: { limit: 60, windowSeconds: 60, key: 'user' },
    summary: "Berty: a member gets the group's invitation (public key, secret, signature)",
    exampleBody: { group_pk: '{{bertyGroupPk}}' },
  },
  {
    id: 'berty-multi-member-group-join',
    method: 'POST',
    path: '/protocol/v1/MultiMemberGroupJoin',
    entry: 'functions/handlers/berty/group-join.ts',
    dialect: 'berty',
    tableAccess: ['TransactWriteItems'],
    rateLimit: { limit: 60, windowSeconds: 60, key: 'user' },
    summary: 'Berty: join a multi-member group from its invitation',
    exampleBody: {
      group: {
        public_key: '{{bertyGroupPk}}',
        secret: '{{bertyGroupSecret}}',
        secret_sig: '{{bertyGroupSecretSig}}',
        group_type: 'GroupTypeMultiMember',
      },
    },
    exampleCaller: 'invitee',
  },
  {
    id: 'berty-multi-member-group-leave',
    method: 'POST',
    path: '/protocol/v1/MultiMemberGroupLeave',
    entry: 'functions/handlers/berty/group-leave.ts',
    dialect: 'berty',
    tableAccess: ['TransactWriteItems'],
    rateLimit: { limit: 60, windowSeconds: 60, key: 'user' },
    summary: 'Berty: leave a multi-member group (it stays joinable by its invitation)',
    exampleBody: { group_pk: '{{bertyGroupPk}}' },
  },
  ];
}

/** The rows of `more`, placed after the row `id` (so the table reads in API order). */
function insertAfter(id: string, more: Route[], rows: Route[]): Route[] {
  const at = rows.findIndex((row) => row.id === id) + 1;
  return [...rows.slice(0, at), ...more, ...rows.slice(at)];
}

/** Rocket.Chat's invite links and groups.invite: per client IP as channels.invite (Rocket.Chat's default limiter). */
function rocketChatRoutes(): Route[] {
  const perIp: RateLimitRule = { limit: 10, windowSeconds: 60, key: 'ip' };
  const row = (r: Omit<Route, 'dialect' | 'rateLimit' | 'exampleBody'> & { exampleBody?: Route['exampleBody'] }): Route => ({
    dialect: 'rocketchat',
    rateLimit: perIp,
    exampleBody: {},
    ...r,
  });
  return [
    row({
      id: 'rocketchat-groups-invite',
      method: 'POST',
      path: '/api/v1/groups.invite',
      entry: 'functions/handlers/rocketchat/groups-invite.ts',
      tableAccess: ['GetItem', 'BatchGetItem', 'TransactWriteItems', 'Query'],
      summary: 'Rocket.Chat: add one or many users to a private group',
      exampleBody: { roomId: '{{privateGroupId}}', userIds: ['{{inviteeId}}'] },
    }),
    row({
      id: 'rocketchat-find-or-create-invite',
      method: 'POST',
      path: '/api/v1/findOrCreateInvite',
      entry: 'functions/handlers/rocketchat/invites/find-or-create.ts',
      tableAccess: ['GetItem', 'BatchGetItem', 'TransactWriteItems'],
      summary: 'Rocket.Chat: an invite link for a room (a live identical one is reused)',
      exampleBody: { rid: '{{channelId}}', days: 7, maxUses: 5 },
    }),
    row({
      id: 'rocketchat-list-invites',
      method: 'GET',
      path: '/api/v1/listInvites',
      entry: 'functions/handlers/rocketchat/invites/list.ts',
      tableAccess: ['Query'],
      summary: 'Rocket.Chat: every invite link (global create-invite-links)',
    }),
    row({
      id: 'rocketchat-remove-invite',
      method: 'DELETE',
      path: '/api/v1/removeInvite/{_id}',
      entry: 'functions/handlers/rocketchat/invites/remove.ts',
      tableAccess: ['TransactWriteItems'],
      summary: 'Rocket.Chat: delete an invite link',
      examplePath: '/api/v1/removeInvite/{{inviteLinkId}}',
    }),
    row({
      id: 'rocketchat-use-invite-token',
      method: 'POST',
      path: '/api/v1/useInviteToken',
      entry: 'functions/handlers/rocketchat/invites/use-token.ts',
      tableAccess: ['GetItem', 'TransactWriteItems', 'Query'],
      summary: 'Rocket.Chat: join the room of an invite link (a use is counted for new members)',
      exampleBody: { token: '{{inviteLinkId}}' },
      exampleCaller: 'invitee',
    }),
    row({
      id: 'rocketchat-validate-invite-token',
      method: 'POST',
      path: '/api/v1/validateInviteToken',
      entry: 'functions/handlers/rocketchat/invites/validate-token.ts',
      tableAccess: ['GetItem', 'Query'],
      summary: 'Rocket.Chat: whether an invite link is valid (no login)',
      exampleBody: { token: '{{inviteLinkId}}' },
      anonymous: true,
    }),
    row({
      id: 'rocketchat-send-invitation-email',
      method: 'POST',
      path: '/api/v1/sendInvitationEmail',
      entry: 'functions/handlers/rocketchat/invites/send-email.ts',
      // One event note per address (batch writes).
      tableAccess: ['BatchWriteItem'],
      summary: 'Rocket.Chat: ask for invitation e-mails (one event per valid address; bulk-register-user)',
      exampleBody: { emails: ['newcomer@example.com'] },
    }),
  ];
}

/** The QuranReflect Rooms API (rooms of type group are the Groups API's groups). */
function roomsRoutes(): Route[] {
  const perUser: RateLimitRule = { limit: 60, windowSeconds: 60, key: 'user' };
  const room = (row: Omit<Route, 'dialect' | 'rateLimit' | 'entry' | 'exampleBody'> & { handler: string; exampleBody?: Route['exampleBody'] }): Route => {
    const { handler, ...rest } = row;
    return {
      dialect: 'quranreflect',
      rateLimit: perUser,
      entry: `functions/handlers/quranreflect/rooms/${handler}.ts`,
      exampleBody: {},
      ...rest,
    };
  };
  return [
    room({
      id: 'quranreflect-rooms-create-group',
      method: 'POST',
      path: '/v1/rooms/groups',
      handler: 'create-group',
      tableAccess: ['UpdateItem', 'TransactWriteItems'],
      summary: 'QuranReflect Rooms: create a group (the caller is its owner and an admin)',
      exampleBody: { name: 'Reading circle', url: 'reading-circle', description: 'Weekly reflections', public: false },
    }),
    room({
      id: 'quranreflect-rooms-get',
      method: 'GET',
      path: '/v1/rooms/{id}',
      handler: 'get-room',
      tableAccess: ['BatchGetItem', 'UpdateItem'],
      summary: "QuranReflect Rooms: a group's profile (private groups: members only; the private link: admins only)",
      examplePath: '/v1/rooms/{{groupId}}',
    }),
    room({
      id: 'quranreflect-rooms-invite',
      method: 'POST',
      path: '/v1/rooms/{id}/invite',
      handler: 'invite',
      tableAccess: ['BatchGetItem', 'TransactWriteItems', 'UpdateItem'],
      summary: 'QuranReflect Rooms: admins invite users (by id) and e-mail addresses; each invitation is published',
      examplePath: '/v1/rooms/{{groupId}}/invite',
      exampleBody: { userIds: ['{{inviteeUserNumber}}'], emails: ['newcomer@example.com'] },
      makesInvitationTokens: true,
    }),
    room({
      id: 'quranreflect-rooms-accept-invite',
      method: 'GET',
      path: '/v1/rooms/{id}/accept-invite',
      handler: 'accept-invite',
      tableAccess: ['BatchGetItem', 'TransactWriteItems', 'UpdateItem'],
      summary: 'QuranReflect Rooms: the invitee accepts with the token of their invitation',
      examplePath: '/v1/rooms/{{groupId}}/accept-invite',
      exampleQuery: 'token={{invitationToken}}',
      exampleCaller: 'invitee',
    }),
    room({
      id: 'quranreflect-rooms-reject-invite',
      method: 'GET',
      path: '/v1/rooms/{id}/reject-invite',
      handler: 'reject-invite',
      tableAccess: ['BatchGetItem', 'TransactWriteItems', 'UpdateItem'],
      summary: 'QuranReflect Rooms: the invitee rejects with the token of their invitation',
      examplePath: '/v1/rooms/{{groupId}}/reject-invite',
      exampleQuery: 'token={{invitationToken}}',
      exampleCaller: 'invitee',
    }),
    room({
      id: 'quranreflect-rooms-accept-private-link',
      method: 'GET',
      path: '/v1/rooms/group/{url}/accept/{token}',
      handler: 'accept-private-link',
      tableAccess: ['GetItem', 'BatchGetItem', 'TransactWriteItems', 'UpdateItem'],
      summary: "QuranReflect Rooms: whoever holds a group's private link joins it",
      examplePath: '/v1/rooms/group/{{groupUrl}}/accept/{{groupPrivateToken}}',
      exampleCaller: 'invitee',
    }),
    room({
      id: 'quranreflect-rooms-members',
      method: 'GET',
      path: '/v1/rooms/{id}/members',
      handler: 'members',
      tableAccess: ['BatchGetItem', 'Query', 'UpdateItem'],
      summary: "QuranReflect Rooms: a group's members, paginated (members; anyone for a public group)",
      examplePath: '/v1/rooms/{{groupId}}/members',
      exampleQuery: 'limit=10&page=1',
    }),
    room({
      id: 'quranreflect-rooms-remove-member',
      method: 'DELETE',
      path: '/v1/rooms/{id}/members/{userId}',
      handler: 'remove-member',
      tableAccess: ['GetItem', 'BatchGetItem', 'TransactWriteItems', 'UpdateItem'],
      summary: 'QuranReflect Rooms: admins remove a member (not the owner); members remove themselves',
      examplePath: '/v1/rooms/{{groupId}}/members/{{memberUserNumber}}',
    }),
    room({
      id: 'quranreflect-rooms-join',
      method: 'POST',
      path: '/v1/rooms/{groupId}/join',
      handler: 'join',
      tableAccess: ['BatchGetItem', 'TransactWriteItems', 'UpdateItem'],
      summary: 'QuranReflect Rooms: join a public group',
      examplePath: '/v1/rooms/{{publicGroupId}}/join',
      exampleCaller: 'invitee',
    }),
    room({
      id: 'quranreflect-rooms-leave',
      method: 'POST',
      path: '/v1/rooms/{groupId}/leave',
      handler: 'leave',
      tableAccess: ['BatchGetItem', 'TransactWriteItems', 'UpdateItem'],
      summary: 'QuranReflect Rooms: leave a group (not its owner)',
      examplePath: '/v1/rooms/{{publicGroupId}}/leave',
      exampleCaller: 'invitee',
    }),
    room({
      id: 'quranreflect-rooms-admins-access',
      method: 'POST',
      path: '/v1/rooms/admins-access',
      handler: 'admins-access',
      tableAccess: ['GetItem', 'BatchGetItem', 'UpdateItem'],
      summary: "QuranReflect Rooms: the owner and admins grant or revoke a member's admin access",
      exampleBody: { roomId: '{{#groupId}}', userId: '{{memberUserNumber}}', admin: true },
    }),
  ];
}

export const routeKey = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;

export function findRoute(id: string): Route {
  const route = routes.find((candidate) => candidate.id === id);
  if (!route) throw new Error(`Unknown route "${id}". Known: ${routes.map((r) => r.id).join(', ')}`);
  return route;
}

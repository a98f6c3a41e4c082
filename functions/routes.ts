/**
 * The route table: the single source for the CDK stack (one function and one API route per row),
 * the local server, the sample events under events/ and the README's endpoint table.
 * Adding an endpoint is one row here plus one handler file.
 */
import type { DialectName } from './dialects';

export type DynamoDbAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'TransactWriteItems';

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
  /**
   * What a counter is kept per, besides the route: the client IP (Rocket.Chat's default), or the
   * caller's credential (its token), which stands for the user and is known before the auth read.
   */
  key: 'ip' | 'user';
}

export interface Route {
  /** Stable id: names the Lambda function, the sample event and the local log lines. */
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway path, `{param}` for path parameters. */
  path: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  /** The API dialect (functions/dialects): credentials, envelopes, docs. */
  dialect: DialectName;
  /** The only table actions the function's role is granted. */
  tableAccess: readonly DynamoDbAction[];
  /** Default rule; RATE_LIMIT=off disables, RATE_LIMIT_OVERRIDES (JSON by route id) changes it. */
  rateLimit: RateLimitRule;
  summary: string;
  /** A representative request body for docs and sample events (`{{name}}`: a demo value). */
  exampleBody: Record<string, unknown>;
  /** Whose demo credentials the example uses (default the demo admin's). */
  exampleCaller?: 'admin' | 'invitee';
}

export const routes: readonly Route[] = [
  {
    id: 'rocketchat-channels-invite',
    method: 'POST',
    path: '/api/v1/channels.invite',
    entry: 'functions/handlers/rocketchat/channels-invite.ts',
    dialect: 'rocketchat',
    tableAccess: ['GetItem', 'BatchGetItem', 'TransactWriteItems', 'UpdateItem'],
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
    tableAccess: ['GetItem', 'BatchGetItem', 'TransactWriteItems', 'UpdateItem'],
    rateLimit: { limit: 60, windowSeconds: 60, key: 'user' },
    summary: 'QuranReflect: invite a user to a group by userId or e-mail',
    exampleBody: { email: '{{inviteeEmail}}' },
  },
  {
    id: 'berty-multi-member-group-create',
    method: 'POST',
    path: '/protocol/v1/MultiMemberGroupCreate',
    entry: 'functions/handlers/berty/group-create.ts',
    dialect: 'berty',
    tableAccess: ['GetItem', 'TransactWriteItems', 'UpdateItem'],
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
    tableAccess: ['GetItem', 'BatchGetItem', 'UpdateItem'],
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
    tableAccess: ['GetItem', 'TransactWriteItems', 'UpdateItem'],
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
];

export const routeKey = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;

export function findRoute(id: string): Route {
  const route = routes.find((candidate) => candidate.id === id);
  if (!route) throw new Error(`Unknown route "${id}". Known: ${routes.map((r) => r.id).join(', ')}`);
  return route;
}

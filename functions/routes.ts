/**
 * The route table: the single source for the CDK stack (one function and one API route per row),
 * the local server, the sample events under events/ and the README's endpoint table.
 * Adding an endpoint is one row here plus one handler file.
 */
export type DynamoDbAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'TransactWriteItems';

export interface Route {
  /** Stable id: names the Lambda function, the sample event and the local log lines. */
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway path, `{param}` for path parameters. */
  path: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  dialect: 'rocketchat' | 'quranreflect' | 'berty';
  /** The only table actions the function's role is granted. */
  tableAccess: readonly DynamoDbAction[];
  summary: string;
  /** A representative request body for docs and sample events. */
  exampleBody: Record<string, unknown>;
}

export const routes: readonly Route[] = [
  {
    id: 'rocketchat-channels-invite',
    method: 'POST',
    path: '/api/v1/channels.invite',
    entry: 'functions/handlers/rocketchat/channels-invite.ts',
    dialect: 'rocketchat',
    tableAccess: ['GetItem', 'BatchGetItem', 'TransactWriteItems'],
    summary: 'Rocket.Chat: add one or many users to a public channel',
    exampleBody: { roomId: '{{channelId}}', userIds: ['{{inviteeId}}'] },
  },
];

export const routeKey = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;

export function findRoute(id: string): Route {
  const route = routes.find((candidate) => candidate.id === id);
  if (!route) throw new Error(`Unknown route "${id}". Known: ${routes.map((r) => r.id).join(', ')}`);
  return route;
}

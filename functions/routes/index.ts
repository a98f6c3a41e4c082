/**
 * The route table: the single source for the CDK stack (one function and one API route per row),
 * the local server, the sample events under events/ and the README's endpoint table. Each
 * dialect's rows are one file built by one row helper (route.ts); the table is their rows in this
 * order. Adding an endpoint is one row there plus one handler file.
 */
import { bertyRoutes } from './berty';
import { quranReflectRoutes } from './quranreflect';
import { rocketChatRoutes } from './rocketchat';
import type { DynamoDbAction, Route } from './route';

export type { DynamoDbAction, RateLimitRule, Route } from './route';

// Pure: bundles that do not use the table (see functions/chain/route-of.ts) drop it.
export const routes: readonly Route[] = /* @__PURE__ */ withChainAccess(
  /* @__PURE__ */ rocketChatRoutes(),
  /* @__PURE__ */ quranReflectRoutes(),
  /* @__PURE__ */ bertyRoutes(),
);

/**
 * What the middleware chain reads and writes on every route, besides the handler's own work: the
 * rate-limit count (UpdateItem); for authenticated routes, the token with its user (BatchGetItem;
 * GetItem for a token that names no user), the client id and the rate-limit bypass grant (GetItem).
 */
function chainAccess(route: Pick<Route, 'anonymous'>): DynamoDbAction[] {
  return route.anonymous ? ['UpdateItem'] : ['GetItem', 'BatchGetItem', 'UpdateItem'];
}

/** The dialects' rows in table order, each granted what the chain needs besides its own actions. */
function withChainAccess(...dialects: Route[][]): Route[] {
  return dialects.flat().map((row) => ({ ...row, tableAccess: [...new Set<DynamoDbAction>([...chainAccess(row), ...row.tableAccess])] }));
}

export const routeKey = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;

/** The route's function, as the stack names its construct: `rocketchat-channels-invite` → `RocketchatChannelsInvite`. */
export const routeFunctionId = (routeId: string) =>
  routeId.replace(/(^|-)(\w)/g, (_match, _dash: string, letter: string) => letter.toUpperCase());

export function findRoute(id: string): Route {
  const route = routes.find((candidate) => candidate.id === id);
  if (!route) throw new Error(`Unknown route "${id}". Known: ${routes.map((r) => r.id).join(', ')}`);
  return route;
}

/**
 * The route table: every route's contract, each dialect's in its file's order. The single source
 * for the CDK stack (one function and one API route per contract), the local server, the OpenAPI
 * document, the sample events under events/ and the README's endpoint table. Adding an endpoint is
 * one contract there plus one handler file. Handlers import their own contract, never this table.
 */
import { bertyRoutes } from '../dialects/berty/routes';
import { quranReflectRoutes } from '../dialects/quranreflect/routes';
import { rocketChatRoutes } from '../dialects/rocketchat/routes';
import { webhooksRoutes } from '../dialects/webhooks/routes';
import type { Route } from './route';

export type { DynamoDbAction, RateLimitRule, Route } from './route';

export const routes: readonly Route[] = [...rocketChatRoutes, ...quranReflectRoutes, ...bertyRoutes, ...webhooksRoutes];

export const routeKey = (route: Pick<Route, 'method' | 'path'>) => `${route.method} ${route.path}`;

/** The route's function, as the stack names its construct: `rocketchat-channels-invite` → `RocketchatChannelsInvite`. */
export const routeFunctionId = (routeId: string) =>
  routeId.replace(/(^|-)(\w)/g, (_match, _dash: string, letter: string) => letter.toUpperCase());

export function findRoute(id: string): Route {
  const route = routes.find((candidate) => candidate.id === id);
  if (!route) throw new Error(`Unknown route "${id}". Known: ${routes.map((r) => r.id).join(', ')}`);
  return route;
}

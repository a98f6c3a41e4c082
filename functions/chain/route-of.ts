/**
 * The route table row a handler serves. Deployed, the stack's bundler injects the row's runtime
 * fields (`INVITES_ROUTE`, see infra/invites-function.ts), so no bundle carries the whole table
 * with its docs and examples; elsewhere (`npm start`, tests) the row is looked up in the table.
 */
import type { RuntimeRoute } from '../http/types';
import { findRoute, type Route } from '../routes';

export type { RuntimeRoute };

/** Replaced by the bundler (esbuild `define`): the row's id (a string) and the row (JSON); undefined elsewhere. */
declare global {
  // eslint-disable-next-line no-var
  var INVITES_ROUTE_ID: string | undefined;
  // eslint-disable-next-line no-var
  var INVITES_ROUTE: RuntimeRoute | undefined;
}

export function routeOf(routeId: string): RuntimeRoute {
  // Injected, the id is a string constant: the bundler drops the lookup and, with it, the route
  // table (whose module has no side effects).
  const route = globalThis.INVITES_ROUTE_ID ? globalThis.INVITES_ROUTE! : findRoute(routeId);
  if (route.id !== routeId) throw new Error(`This function serves ${route.id}, not ${routeId}`);
  return route;
}

export const runtimeRoute = ({ id, method, path, dialect, rateLimit, anonymous }: Route): RuntimeRoute => ({
  id,
  method,
  path,
  dialect,
  rateLimit,
  ...(anonymous ? { anonymous } : {}),
});

/** The esbuild `define`s that inject a route into its function's bundle. */
export const routeDefines = (route: Route): Record<string, string> => ({
  'globalThis.INVITES_ROUTE_ID': JSON.stringify(route.id),
  'globalThis.INVITES_ROUTE': JSON.stringify(runtimeRoute(route)),
});

/** A ready-to-paste curl line per route of the route table, filled in with the demo data. */
import { type Route, routes } from '../functions/routes';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { buildEvent, matchPath } from './api-gateway-event';
import { fill, type Placeholders } from './placeholders';

export { fill, type Placeholders };

/** Methods whose requests carry a body. */
export const hasBody = (route: Pick<Route, 'method'>) => route.method === 'POST' || route.method === 'PUT';

/** The example's path and query, with placeholders (`{param}` → `{{param}}` unless the route gives its own). */
export const examplePath = (route: Route) => route.examplePath ?? route.path.replace(/\{(\w+)\}/g, '{{$1}}');

/** The route's credential headers (as its dialect carries them), with demo placeholders. */
export function authHeaders(route: Route): Record<string, string> {
  if (route.anonymous) return {};
  const caller = route.exampleCaller ?? 'admin';
  return route.dialect.authHeaders({ token: `{{${caller}Token}}`, userId: `{{${caller}Id}}`, clientId: '{{clientId}}' });
}

export function curlLine(route: Route, baseUrl: string, placeholders: Placeholders): string {
  const headers = Object.entries(authHeaders(route)).map(([name, value]) => `-H '${name}: ${value}'`);
  const query = route.exampleQuery ? `?${route.exampleQuery}` : '';
  const line = [`curl -s -X ${route.method} '${baseUrl}${examplePath(route)}${query}'`, ...headers].join(' ');
  const body = hasBody(route) ? ` -H 'Content-Type: application/json' -d '${JSON.stringify(fill(route.exampleBody, placeholders))}'` : '';
  return fill(line, placeholders) + body;
}

export const demoCurlLines = (baseUrl: string, placeholders: Placeholders) =>
  routes.map((route) => ({ route, curl: curlLine(route, baseUrl, placeholders) }));

/** The route's example as the API Gateway event its function gets, filled in with the demo data. */
export function exampleEvent(route: Route, placeholders: Placeholders, sourceIp = '127.0.0.1'): APIGatewayProxyEventV2 {
  const path = fill(examplePath(route), placeholders);
  return buildEvent(
    route,
    {
      method: route.method,
      path,
      rawQueryString: route.exampleQuery ? fill(route.exampleQuery, placeholders) : undefined,
      headers: fill(authHeaders(route), placeholders),
      body: hasBody(route) ? JSON.stringify(fill(route.exampleBody, placeholders)) : undefined,
      sourceIp,
    },
    matchPath(route.path, path),
  );
}

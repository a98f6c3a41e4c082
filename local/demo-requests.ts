/** A ready-to-paste curl line per route of the route table, filled in with the demo data. */
import { dialectNamed } from '../functions/dialects';
import { type Route, routes } from '../functions/routes';

export type Placeholders = Record<string, string>;

/** Replaces `{{name}}` in every string of a JSON value. */
export function fill<T>(value: T, placeholders: Placeholders): T {
  return JSON.parse(JSON.stringify(value).replace(/\{\{(\w+)\}\}/g, (whole, name: string) => placeholders[name] ?? whole)) as T;
}

/** The route's credential headers (as its dialect carries them), with demo placeholders. */
export function authHeaders(route: Route): Record<string, string> {
  const invitee = route.exampleCaller === 'invitee';
  return dialectNamed(route.dialect).authHeaders({
    token: invitee ? '{{inviteeToken}}' : '{{authToken}}',
    userId: invitee ? '{{inviteeId}}' : '{{userId}}',
    clientId: '{{clientId}}',
  });
}

export function curlLine(route: Route, baseUrl: string, placeholders: Placeholders): string {
  const headers = Object.entries(authHeaders(route)).map(([name, value]) => `-H '${name}: ${value}'`);
  const path = route.path.replace(/\{(\w+)\}/g, '{{$1}}');
  const line = [
    `curl -s -X ${route.method} '${baseUrl}${path}'`,
    ...headers,
    `-H 'Content-Type: application/json'`,
    `-d '${JSON.stringify(route.exampleBody)}'`,
  ].join(' ');
  return fill(line, placeholders);
}

export const demoCurlLines = (baseUrl: string, placeholders: Placeholders) =>
  routes.map((route) => ({ route, curl: curlLine(route, baseUrl, placeholders) }));

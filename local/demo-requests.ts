/** A ready-to-paste curl line per route of the route table, filled in with the demo data. */
import { type Route, routes } from '../functions/routes';
import type { DemoData } from './seed';

export type Placeholders = Record<string, string>;

export function demoPlaceholders(demo: DemoData): Placeholders {
  const { admin, bob } = demo.users;
  return {
    authToken: admin.authToken,
    userId: admin.user._id,
    channelId: demo.channel._id,
    channelName: demo.channel.name,
    inviteeId: bob.user._id,
    inviteeUsername: bob.user.username,
    inviteeEmail: bob.user.email ?? '',
    inviteeToken: bob.authToken,
    clientId: demo.clientId,
    groupId: demo.group.id,
    bertyGroupPk: demo.bertyGroup.public_key,
    bertyGroupSecret: demo.bertyGroup.secret,
    bertyGroupSecretSig: demo.bertyGroup.secret_sig,
  };
}

/** Replaces `{{name}}` in every string of a JSON value. */
export function fill<T>(value: T, placeholders: Placeholders): T {
  return JSON.parse(
    JSON.stringify(value).replace(/\{\{(\w+)\}\}/g, (whole, name: string) => placeholders[name] ?? whole),
  ) as T;
}

/** The auth headers each dialect reads. */
export function authHeaders(route: Route): Record<string, string> {
  switch (route.dialect) {
    case 'rocketchat':
      return { 'X-Auth-Token': `{{${route.exampleToken ?? 'authToken'}}}`, 'X-User-Id': '{{userId}}' };
    case 'quranreflect':
      return { 'x-auth-token': `{{${route.exampleToken ?? 'authToken'}}}`, 'x-client-id': '{{clientId}}' };
    case 'berty':
      return { Authorization: `Bearer {{${route.exampleToken ?? 'authToken'}}}` };
  }
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

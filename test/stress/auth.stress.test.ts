/**
 * Every route refuses missing, malformed, unknown, expired and revoked credentials, and another
 * user's; tokens are never stored or logged in clear (the whole table is scanned for them).
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import type { Route } from '../../functions/routes';

process.env.RATE_LIMIT = 'off';
process.env.LOG_LEVEL = 'INFO'; // every request's log line, to search for tokens below (set before any import)
// The route table loads the store and the logger, which read the environment at import: after it is set.
const { routes } = await import('../../functions/routes');
const { documentClient, tableName } = await import('../../functions/store/client');
const { revokeToken } = await import('../../functions/store/tokens');
const { startHttpServer } = await import('../../local/http-server');
const fixtures = await import('../support/fixtures');
const { request } = await import('../support/http');

let api: Awaited<ReturnType<typeof startHttpServer>>;
let alice: Awaited<ReturnType<typeof fixtures.user>>;
let bob: Awaited<ReturnType<typeof fixtures.user>>;
let clientId: string;
let expired: string;
let revoked: string;
const logged: string[] = [];
let logs = () => logged.join('\n');
const bodies: Record<string, unknown> = {};
let params: Record<string, string> = {};

beforeAll(async () => {
  api = await startHttpServer({ port: 0 });
  alice = await fixtures.admin();
  bob = await fixtures.user();
  clientId = await fixtures.clientId();
  expired = await fixtures.tokenFor(alice._id, -1);
  revoked = await fixtures.tokenFor(alice._id);
  await revokeToken(revoked);
  const room = await fixtures.channel({ owner: alice });
  const group = await fixtures.group({ admin: alice });
  const created = await request('POST', '/protocol/v1/MultiMemberGroupCreate', {
    baseUrl: api.url,
    headers: { authorization: `Bearer ${alice.authToken}` },
    body: {},
  });
  const invitation = await request('POST', '/protocol/v1/MultiMemberGroupInvitationCreate', {
    baseUrl: api.url,
    headers: { authorization: `Bearer ${alice.authToken}` },
    body: created.json,
  });
  params = {
    groupId: group.id,
    id: group.id,
    url: group.url ?? 'x',
    token: 'not-the-token',
    userId: String(alice.userId),
    _id: 'not-an-invite',
    endpointId: 'ep_not_an_endpoint',
    eventId: 'not-an-event',
  };
  Object.assign(bodies, {
    'rocketchat-groups-invite': { roomId: room._id, userId: bob._id },
    'rocketchat-find-or-create-invite': { rid: room._id, days: 1, maxUses: 1 },
    'rocketchat-use-invite-token': { token: 'not-an-invite' },
    'rocketchat-validate-invite-token': { token: 'not-an-invite' },
    'rocketchat-send-invitation-email': { emails: ['someone@example.com'] },
    // Nobody of that name: the ban routes refuse (400) after the credentials, and nothing is banned.
    'rocketchat-rooms-ban-user': { roomId: room._id, username: 'nobody-of-that-name' },
    'rocketchat-rooms-unban-user': { roomId: room._id, username: 'nobody-of-that-name' },
    'berty-multi-member-group-leave': created.json,
    'quranreflect-rooms-create-group': { name: 'auth', url: fixtures.unique('auth') },
    'quranreflect-rooms-invite': { userIds: [String(bob.userId)] },
    'quranreflect-rooms-admins-access': { roomId: Number(group.id), userId: String(bob.userId), admin: true },
    'rocketchat-channels-invite': { roomId: room._id, userId: bob._id },
    'quranreflect-groups-invite-user': { email: `${fixtures.unique('auth')}@example.com`, groupId: group.id },
    'berty-multi-member-group-create': {},
    'berty-multi-member-group-invitation-create': created.json,
    'berty-multi-member-group-join': { group: { ...invitation.json.group, secret_sig: Buffer.alloc(64).toString('base64') } },
    'webhooks-endpoint-create': { url: 'https://hooks.example.com/auth' },
    'webhooks-endpoint-recover': { since: '2026-01-01T00:00:00Z' },
  });
  // Powertools writes straight to stdout/stderr; console output is collected too.
  const { captureLogs } = await import('../support/logs');
  const captured = captureLogs();
  logs = () => [...logged, captured.text()].join('\n');
  for (const level of ['error', 'warn', 'log', 'info'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await api?.close();
});

function send(route: Route, headers: Record<string, string>) {
  const { groupId: _groupId, ...body } = (bodies[route.id] ?? {}) as Record<string, unknown>;
  const path = route.path.replace(/\{(\w+)\}/g, (_whole, name: string) => params[name]!);
  const query = route.exampleQuery ? '?token=not-the-token' : '';
  return request(route.method, `${path}${query}`, { baseUrl: api.url, headers, body });
}

/** The credentials headers of a dialect for a token (and a claimed user, for Rocket.Chat). */
function credentials(route: Route, token: string | undefined, userId = alice._id): Record<string, string> {
  if (route.dialect.name === 'rocketchat') return token === undefined ? {} : { 'X-Auth-Token': token, 'X-User-Id': userId };
  if (route.dialect.name === 'quranreflect')
    return token === undefined ? { 'x-client-id': clientId } : { 'x-auth-token': token, 'x-client-id': clientId };
  return token === undefined ? {} : { Authorization: `Bearer ${token}` };
}

/** Status and envelope of a refused credential per dialect. */
const refused: Record<string, { missing: number; rejected: number }> = {
  rocketchat: { missing: 401, rejected: 401 },
  quranreflect: { missing: 401, rejected: 403 },
  berty: { missing: 401, rejected: 401 },
  webhooks: { missing: 401, rejected: 401 },
};

describe.each(routes.filter((route) => !route.page).map((route) => [route.id, route] as const))('%s', (_id, route) => {
  test('missing, malformed, unknown, expired and revoked credentials are refused', async () => {
    if (route.anonymous) {
      // No login: credentials, good or bad, change nothing.
      expect((await send(route, credentials(route, undefined))).status).toBe(200);
      expect((await send(route, credentials(route, 'x'.repeat(43)))).status).toBe(200);
      return;
    }
    const { missing, rejected } = refused[route.dialect.name]!;
    expect((await send(route, credentials(route, undefined))).status).toBe(missing);
    const malformed = route.dialect.name === 'berty' ? { Authorization: `Token ${alice.authToken}` } : credentials(route, '');
    expect((await send(route, malformed)).status).toBe(missing);
    for (const token of ['x'.repeat(43), `${alice.authToken}x`, expired, revoked]) {
      const response = await send(route, credentials(route, token));
      expect(response.status, token.slice(0, 8)).toBe(rejected);
    }
  });

  test("another user's credentials do not act for the owner of the resource", async () => {
    if (route.anonymous) return;
    if (route.dialect.name === 'rocketchat') {
      // alice's token claimed for bob, and bob's token claimed for alice
      expect((await send(route, credentials(route, alice.authToken, bob._id))).status).toBe(401);
      expect((await send(route, credentials(route, bob.authToken, alice._id))).status).toBe(401);
      return;
    }
    const response = await send(route, credentials(route, bob.authToken));
    const expected: Record<string, number> = {
      'quranreflect-groups-invite-user': 403, // bob is not an admin of alice's group
      'quranreflect-rooms-create-group': 201, // anyone may create a group of their own
      'quranreflect-rooms-get': 404, // alice's group is private: invisible to bob
      'quranreflect-rooms-invite': 404,
      'quranreflect-rooms-accept-invite': 400, // bob holds no invitation with that token
      'quranreflect-rooms-reject-invite': 400,
      'quranreflect-rooms-accept-private-link': 400, // not the group's link
      'quranreflect-rooms-members': 404,
      'quranreflect-rooms-remove-member': 404,
      'quranreflect-rooms-join': 404, // private: invisible to bob, as an unknown id
      'quranreflect-rooms-leave': 404, // the same
      'quranreflect-rooms-admins-access': 404,
      'berty-multi-member-group-create': 200, // anyone may create a group of their own
      'berty-multi-member-group-invitation-create': 404, // bob is not a member
      'berty-multi-member-group-join': 400, // a forged signature
      'berty-multi-member-group-leave': 404, // bob is not a member
      // The webhook API: bob holds no operator role, whatever the endpoint.
      ...Object.fromEntries(routes.filter((r) => r.dialect.name === 'webhooks').map((r) => [r.id, 403])),
    };
    expect(response.status).toBe(expected[route.id]);
  });
});

test('no clear token in the table or the logs', async () => {
  const tokens = [alice.authToken, bob.authToken, expired, revoked];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  let scanned = 0;
  do {
    const page = await documentClient.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    for (const item of page.Items ?? []) {
      const text = JSON.stringify(item);
      for (const token of tokens) expect(text).not.toContain(token);
    }
    scanned += page.Items?.length ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  expect(scanned).toBeGreaterThan(10);
  expect(logs()).toContain('"message":"request"'); // the request lines were there to search
  for (const token of tokens) expect(logs()).not.toContain(token);
});

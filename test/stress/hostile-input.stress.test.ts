/**
 * Hostile input, property-based (fast-check), against an in-process API on the shared DynamoDB
 * Local: random bodies (wrong types, huge arrays and strings, deep nesting, __proto__ and
 * constructor keys, invalid UTF-8), header-name case variants and path parameters, for every
 * route. Never a 5xx, never a stack trace, always the dialect's envelope, and — the callers having
 * no right to change anything — never a write (counted by an SDK middleware).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { routes, type Route } from '../../functions/routes';

process.env.RATE_LIMIT = 'off';
const { dynamoDbClient } = await import('../../functions/store/client');
const { recordDynamoDbCalls } = await import('../../local/dynamodb-call-recorder');
const { startHttpServer } = await import('../../local/http-server');
const fixtures = await import('../support/fixtures');
const { request } = await import('../support/http');

const recorder = recordDynamoDbCalls(dynamoDbClient);
const WRITES = ['TransactWriteItems', 'PutItem', 'DeleteItem', 'UpdateItem', 'BatchWriteItem'];
let api: Awaited<ReturnType<typeof startHttpServer>>;
let caller: Awaited<ReturnType<typeof fixtures.user>>;
let clientId: string;
let groupId: string;
let roomId: string;
/** The webhook API's caller: an operator key, so that its inputs reach the rules. */
let operatorKey: string;
const logged: string[] = [];

beforeAll(async () => {
  api = await startHttpServer({ port: 0 });
  caller = await fixtures.user(); // a plain user: no room, group or Berty group of theirs
  clientId = await fixtures.clientId();
  const owner = await fixtures.user();
  roomId = (await fixtures.channel({ owner }))._id;
  groupId = (await fixtures.group({ admin: owner })).id;
  const { addOperatorKey } = await import('../../functions/dialects/webhooks/admin');
  operatorKey = (await addOperatorKey({ name: fixtures.unique('hostile-ops') })).operatorKey;
  for (const level of ['error', 'warn', 'log', 'info'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  }
});
afterAll(async () => {
  vi.restoreAllMocks();
  await api?.close();
});

const FIELD_NAMES = [
  'roomId',
  'roomName',
  'userId',
  'userIds',
  'username',
  'usernames',
  'user',
  'email',
  'group_pk',
  'groupPk',
  'group',
  'public_key',
  'publicKey',
  'secret',
  'secret_sig',
  'group_type',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
];

const deep = fc.integer({ min: 1, max: 3000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`);
const hugeArray = fc
  .integer({ min: 1001, max: 5000 })
  .map((n) => JSON.stringify({ userIds: Array(n).fill('x'), usernames: Array(n).fill(1) }));
const hugeString = fc
  .integer({ min: 1000, max: 300_000 })
  .map((n) => JSON.stringify({ roomId: 'r'.repeat(n), email: `${'e'.repeat(n)}@x.io`, group_pk: 'A'.repeat(n) }));
const fieldsOfAnything = fc
  .dictionary(fc.constantFrom(...FIELD_NAMES), fc.jsonValue({ maxDepth: 4 }), { maxKeys: 6 })
  .map((o) => JSON.stringify(o));
const protoKeys = fc
  .jsonValue({ maxDepth: 3 })
  .map((v) => `{"__proto__":${JSON.stringify(v)},"constructor":{"prototype":${JSON.stringify(v)}},"userId":${JSON.stringify(v)}}`);
const base64ish = fc
  .string({ unit: fc.constantFrom(...'ABCabc012+/=-_!. \n'.split('')), maxLength: 60 })
  .map((s) => JSON.stringify({ group_pk: s, group: { public_key: s, secret: s, secret_sig: s } }));
const invalidUtf8 = fc
  .uint8Array({ minLength: 1, maxLength: 200 })
  .map((bytes) => Buffer.concat([Buffer.from('{"roomId":"'), Buffer.from(bytes), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]));

const body = fc.oneof(
  fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fieldsOfAnything,
  protoKeys,
  base64ish,
  deep,
  hugeArray,
  hugeString,
  invalidUtf8,
);

/** Randomly cased header names: HTTP header names are case-insensitive. */
const recase = (name: string) =>
  fc
    .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
    .map((flags) => [...name].map((c, i) => (flags[i] ? c.toUpperCase() : c)).join(''));

function headersFor(route: Route) {
  switch (route.dialect.name) {
    case 'rocketchat':
      return fc.tuple(recase('x-auth-token'), recase('x-user-id')).map(([t, u]) => ({ [t]: caller.authToken, [u]: caller._id }));
    case 'quranreflect':
      return fc.tuple(recase('x-auth-token'), recase('x-client-id')).map(([t, c]) => ({ [t]: caller.authToken, [c]: clientId }));
    case 'berty':
      return fc
        .tuple(recase('authorization'), fc.constantFrom('Bearer', 'bearer', 'BEARER'))
        .map(([h, scheme]) => ({ [h]: `${scheme} ${caller.authToken}` }));
    case 'webhooks':
      return fc
        .tuple(recase('authorization'), fc.constantFrom('Bearer', 'bearer', 'BEARER'))
        .map(([h, scheme]) => ({ [h]: `${scheme} ${operatorKey}` }));
    default:
      throw new Error(`no header cases for the ${route.dialect.name} dialect`);
  }
}

const pathParam = fc.oneof(
  fc.constant(() => groupId),
  fc.string({ maxLength: 3000 }).map((s) => () => encodeURIComponent(s) || 'x'),
);

function expectEnvelope(route: Route, status: number, json: any) {
  if (status === 200) return;
  if (route.dialect.name === 'rocketchat') expect(json).toMatchObject({ success: false, error: expect.any(String) });
  if (route.dialect.name === 'quranreflect') expect(Object.keys(json)).toEqual(['message', 'type', 'success']);
  if (route.dialect.name === 'webhooks') expect(json).toEqual({ error: { code: expect.any(String), message: expect.any(String) } });
  if (route.dialect.name === 'berty') {
    expect(Object.keys(json)).toEqual(['error', 'code', 'message']);
    expect(json.error).toBe(json.message);
  }
}

describe.each(routes.filter((route) => !route.page).map((route) => [route.id, route] as const))('%s', (_id, route) => {
  // Create makes a group from any body; a valid create-group body or a public group's id may slip through.
  const writesAllowed = [
    'berty-multi-member-group-create',
    'quranreflect-rooms-create-group',
    'quranreflect-rooms-join',
    // A valid {rid, days, maxUses} for a room of the caller's makes a link.
    'rocketchat-find-or-create-invite',
    // A valid {url} makes an endpoint; a change or deletion of an id that does not exist is a
    // conditional write its condition refuses (nothing is written).
    'webhooks-endpoint-create',
    'webhooks-endpoint-update',
    'webhooks-endpoint-delete',
  ].includes(route.id);

  test('random bodies, header cases and path parameters: 4xx in the envelope, no 5xx, no stack, no write', async () => {
    await fc.assert(
      fc.asyncProperty(body, headersFor(route), pathParam, async (rawBody, headers, param) => {
        const path = route.path.replace(/\{\w+\}/g, () => param());
        const { result: response, summary } = await recorder.measure(() =>
          request(route.method, path, { baseUrl: api.url, headers: { ...headers, 'content-type': 'application/json' }, rawBody }),
        );
        expect(response.status, response.text.slice(0, 300)).toBeLessThan(500);
        expect(response.text).not.toMatch(/\bat .+\.(ts|js):\d+|node:internal|Error:/);
        expect(response.json, response.text.slice(0, 300)).toBeTypeOf('object');
        // A parameter of dot segments ("..") changes the path itself: API Gateway's own 404, no handler.
        const gatewayNotFound = response.status === 404 && JSON.stringify(response.json) === '{"message":"Not Found"}';
        if (!gatewayNotFound) expectEnvelope(route, response.status, response.json);
        if (!writesAllowed) expect(Object.keys(summary.byCommand).filter((c) => WRITES.includes(c))).toEqual([]);
      }),
      { numRuns: 150 },
    );
    expect(logged.join('\n')).not.toContain(caller.authToken);
  });
});

test("bodies beyond API Gateway's 10 MB are refused before any handler", async () => {
  const response = await request('POST', '/api/v1/channels.invite', {
    baseUrl: api.url,
    headers: { 'x-auth-token': caller.authToken, 'x-user-id': caller._id },
    rawBody: 'x'.repeat(11 * 1024 * 1024),
  });
  expect(response).toMatchObject({ status: 413, json: { message: 'Request Entity Too Large' } });
  void roomId;
});

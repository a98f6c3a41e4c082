/**
 * Every header and path parameter that becomes part of a DynamoDB key, on every route, with
 * hostile values (property-based): longer than DynamoDB's key limits, multi-byte, commas and
 * spaces, the token shape `<2,100 characters>.<43 characters>`. Never a 5xx, always the dialect's
 * envelope, and no ERROR log line: a refusal caused by the request is the caller's error, never
 * an upstream fault that pages the on-call.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dialectNamed } from '../../functions/dialects';
import { type Route, routes } from '../../functions/routes';
import { logger } from '../../functions/observability/telemetry';
import { captureLogs } from '../support/logs';

process.env.RATE_LIMIT = 'off';
const { startHttpServer } = await import('../../local/http-server');
const fixtures = await import('../support/fixtures');
const { request } = await import('../support/http');

let api: Awaited<ReturnType<typeof startHttpServer>>;
let caller: Awaited<ReturnType<typeof fixtures.user>>;
let clientId: string;

beforeAll(async () => {
  // Every request's log line (the run's default is WARN), so each test sees that its requests
  // were logged, and none of them as an ERROR.
  logger.setLogLevel('INFO');
  api = await startHttpServer({ port: 0 });
  caller = await fixtures.user();
  clientId = await fixtures.clientId();
});
afterAll(async () => {
  await api?.close();
  logger.setLogLevel('WARN');
});

const TOKEN_ALPHABET = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'];
const ascii = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...TOKEN_ALPHABET), minLength: min, maxLength: max });
/** Header values travel as Latin-1 bytes: 0x21–0x7e and 0x80–0xff, commas and inner spaces included. */
const latin1 = fc
  .array(fc.oneof(fc.integer({ min: 0x21, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })), { minLength: 1, maxLength: 3000 })
  .map((codes) => String.fromCharCode(...codes));

/** A credential header value: over-long, at the bounds, the token shape, Latin-1, comma-joined. */
const credentialValue = fc.oneof(
  ascii(2049, 4000),
  ascii(129, 300),
  ascii(256, 257),
  fc.tuple(ascii(2100, 2100), ascii(43, 43)).map(([user, secret]) => `${user}.${secret}`),
  fc.tuple(ascii(1, 20), ascii(43, 43)).map(([user, secret]) => `${user}.${secret}`),
  latin1,
  fc.tuple(ascii(1, 40), ascii(1, 40)).map(([a, b]) => `${a}, ${b}`),
);

/** A path parameter: long ASCII, multi-byte text (up to 4 bytes a character), dots and slashes encoded. */
const pathValue = fc.oneof(
  ascii(1025, 3000),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1200 }),
  fc.string({ unit: fc.constantFrom('😀', 'é', '中', '%', '/', '.', '#'), minLength: 300, maxLength: 900 }),
);

interface KeyField {
  name: string;
  headers: (value: string) => Record<string, string>;
  path: (value: string) => string;
  value: fc.Arbitrary<string>;
}

/** The headers and path parameters of a route that form keys, each with valid values for the rest. */
function keyFields(route: Route): KeyField[] {
  // Read when a request is made: the caller exists only once beforeAll has run.
  const valid = () => route.dialect.authHeaders({ token: caller.authToken, userId: caller._id, clientId });
  const samplePath = () => route.path.replace(/\{\w+\}/g, '1');
  const headerField = (header: string, wrap = (v: string) => v): KeyField => ({
    name: `header ${header}`,
    headers: (value) => ({ ...valid(), [header]: wrap(value) }),
    path: samplePath,
    value: credentialValue,
  });
  const credentialFields =
    route.dialect.name === 'rocketchat'
      ? [headerField('X-Auth-Token'), headerField('X-User-Id')]
      : route.dialect.name === 'quranreflect'
        ? [headerField('x-auth-token'), headerField('x-client-id')]
        : [headerField('Authorization', (token) => `Bearer ${token}`)];
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const pathFields = params.map<KeyField>((param) => ({
    name: `path {${param}}`,
    headers: valid,
    path: (value) => route.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === param ? encodeURIComponent(value) : '1')),
    value: pathValue,
  }));
  // An anonymous route reads no credentials, but is probed with them all the same (all 24 routes).
  return [...credentialFields, ...pathFields];
}

function expectEnvelope(route: Route, status: number, json: any) {
  if (route.dialect.name === 'rocketchat') expect(json).toMatchObject({ success: false, error: expect.any(String) });
  if (route.dialect.name === 'quranreflect') expect(Object.keys(json)).toEqual(['message', 'type', 'success']);
  if (route.dialect.name === 'berty') expect(Object.keys(json)).toEqual(['error', 'code', 'message']);
  expect(status).toBeGreaterThanOrEqual(400);
}

const cases = routes
  .filter((route) => !route.page)
  .flatMap((route) => keyFields(route).map((field) => [`${route.id}: ${field.name}`, route, field] as const));

describe.each(cases)('%s', (_name, route, field) => {
  test("hostile values: a 4xx in the dialect's envelope, no 5xx, no ERROR line", async () => {
    const logs = captureLogs();
    let handled = 0;
    try {
      await fc.assert(
        fc.asyncProperty(field.value, async (value) => {
          const response = await request(route.method, field.path(value), {
            baseUrl: api.url,
            headers: field.headers(value),
            rawBody: route.method === 'GET' ? undefined : '{}',
          });
          expect(response.status, response.text.slice(0, 300)).toBeLessThan(500);
          // A parameter that changes the path (dot segments) meets API Gateway's own 404: no handler ran.
          if (response.status === 404 && response.text === '{"message":"Not Found"}') return;
          handled++;
          expectEnvelope(route, response.status, response.json);
        }),
        { numRuns: 12 },
      );
    } finally {
      logs.restore();
    }
    const lines = logs.records().filter((record) => record.message === 'request' || record.message === 'request failed');
    expect(lines).toHaveLength(handled);
    expect(lines.filter((record) => record.level === 'ERROR')).toEqual([]);
    expect(logs.text()).not.toContain(caller.authToken);
  });
});

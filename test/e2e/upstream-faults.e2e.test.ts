/**
 * Real upstream faults, no mocks: this worker's API talks to a fake DynamoDB endpoint that hangs,
 * throttles, fails with 5xx, answers garbage, or is not there at all. The AWS SDK's own errors
 * (after its retries) must come out as 503/504/502 in each dialect's envelope.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LocalServer } from '../../local/http-server';
import { faultBodies, faultStatus } from '../support/dialect-bodies';
import { freePort } from '../support/free-port';
import { request } from '../support/http';
import { startInProcessApi } from '../support/in-process-api';
import { captureLogs } from '../support/logs';

type Mode = 'hang' | 'throttle' | 'http500' | 'garbage';
let mode: Mode = 'hang';
let fakeDynamoDb: Server;
let api: LocalServer;
let closedPort: number;

const awsJsonError = (type: string, status: number) => ({
  status,
  body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: `${type} (fake)` }),
});

// The fake DynamoDB and the environment pointing at it come first, at the top of the module: the
// store reads its endpoint and timeouts at import, and the route table below loads the store.
fakeDynamoDb = createServer((req, res) => {
  req.resume();
  if (mode === 'hang') return; // never answers: the SDK's request timeout fires
  const reply =
    mode === 'throttle'
      ? awsJsonError('ProvisionedThroughputExceededException', 400)
      : mode === 'http500'
        ? awsJsonError('InternalServerError', 500)
        : { status: 200, body: '<html>this is not DynamoDB</html>' };
  res.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.0' });
  res.end(reply.body);
});
await new Promise<void>((done) => fakeDynamoDb.listen(0, '127.0.0.1', done));
process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${(fakeDynamoDb.address() as AddressInfo).port}`;
process.env.DYNAMODB_REQUEST_TIMEOUT_MS = '300';
process.env.DYNAMODB_MAX_ATTEMPTS = '2';
process.env.RATE_LIMIT = 'off';
const { routes } = await import('../../functions/routes');

beforeAll(async () => {
  closedPort = await freePort();
  api = await startInProcessApi();
});

afterAll(async () => {
  await api?.close();
  fakeDynamoDb.closeAllConnections();
  await new Promise((done) => fakeDynamoDb.close(done));
});

const credentials: Record<string, Record<string, string>> = {
  rocketchat: { 'X-Auth-Token': 'some-token', 'X-User-Id': 'someUserId' },
  quranreflect: { 'x-auth-token': 'some-token', 'x-client-id': 'some-client' },
  berty: { authorization: 'Bearer some-token' },
  webhooks: { authorization: 'Bearer some-token' },
};

/** The route's example body with any value for its placeholders (well-formed: anonymous routes validate before reading). */
const bodyFor = (route: (typeof routes)[number]) =>
  JSON.parse(
    JSON.stringify(route.exampleBody)
      .replace(/"\{\{#\w+\}\}"/g, '1')
      .replace(/\{\{\w+\}\}/g, 'x'),
  );

describe.each(routes.filter((route) => !route.page).map((route) => [route.id, route] as const))('%s', (_id, route) => {
  const call = () =>
    request(route.method, route.path.replace(/\{\w+\}/g, '1'), {
      baseUrl: api.url,
      headers: credentials[route.dialect.name]!,
      body: bodyFor(route),
    });

  test.each([
    ['DynamoDB never answers (deadline exceeded)', 'hang', 504],
    ['DynamoDB throttles past the SDK retries', 'throttle', 503],
    ['DynamoDB answers 500', 'http500', 502],
    ['DynamoDB answers something that is not its protocol', 'garbage', 502],
  ] as const)('%s (%s) → %i', async (_name, faultMode, status) => {
    captureLogs();
    mode = faultMode;
    const response = await call();
    expect(response.status).toBe(faultStatus(route.dialect.name, status));
    expect(response.json).toEqual(faultBodies[route.dialect.name]![status]);
    expect(response.text).not.toMatch(/at .*\.ts:\d+|fake|amazonaws/);
  });
});

describe('DynamoDB gone (connection refused)', () => {
  test.each(routes.filter((route) => !route.page).map((route) => [route.id, route] as const))('%s → 503', async (_id, route) => {
    captureLogs();
    // As if DynamoDB Local had been killed: this process's client now points at a closed port.
    const { dynamoDbClient } = await import('../../functions/store/client');
    const original = dynamoDbClient.config.endpoint;
    dynamoDbClient.config.endpoint = async () => ({ protocol: 'http:', hostname: '127.0.0.1', port: closedPort, path: '/' });
    try {
      const response = await request(route.method, route.path.replace(/\{\w+\}/g, '1'), {
        baseUrl: api.url,
        headers: credentials[route.dialect.name]!,
        body: bodyFor(route),
      });
      expect(response.status).toBe(503);
      expect(response.json).toEqual(faultBodies[route.dialect.name]![503]);
    } finally {
      dynamoDbClient.config.endpoint = original;
    }
  });
});

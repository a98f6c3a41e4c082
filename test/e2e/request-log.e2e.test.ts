/**
 * One JSON log line per request, in the format deployed functions write (Powertools Logger), from
 * the same code `npm start` runs: route, dialect, status, error kind, latency, cold start, the
 * Lambda and API Gateway request ids — and never a body, a token or an e-mail address.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { logger } from '../../functions/observability/telemetry';
import type { LocalServer } from '../../local/http-server';
import * as fixtures from '../support/fixtures';
import { request } from '../support/http';
import { startInProcessApi } from '../support/in-process-api';
import { captureLogs } from '../support/logs';

let server: LocalServer;
beforeAll(async () => {
  logger.setLogLevel('INFO'); // the test run's default is WARN
  process.env.RATE_LIMIT = 'off';
  server = await startInProcessApi();
});
afterAll(async () => {
  await server?.close();
  logger.setLogLevel('WARN');
});

test('a success and a refusal: one line each, with what an operator needs and nothing secret', async () => {
  const client = await fixtures.clientId();
  const email = `${fixtures.unique('private')}@example.com`;
  const caller = await fixtures.user({ email });
  const logs = captureLogs();
  try {
    const ok = await request('POST', '/v1/rooms/groups', {
      baseUrl: server.url,
      headers: fixtures.quranHeaders(caller, client),
      body: { name: 'n', url: fixtures.unique('u') },
    });
    const refused = await request('PUT', '/v1/groups/1/inviteUser', {
      baseUrl: server.url,
      headers: fixtures.quranHeaders(caller, client),
      body: { email: 'not-an-address', secretField: email },
    });
    expect([ok.status, refused.status]).toEqual([201, 422]);
    const lines = logs.records().filter((record) => record.message === 'request');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      level: 'INFO',
      service: 'invites',
      route: 'quranreflect-rooms-create-group',
      dialect: 'quranreflect',
      status: 201,
      latencyMs: expect.any(Number),
      cold_start: expect.any(Boolean),
      function_request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      apiGatewayRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(lines[1]).toMatchObject({ route: 'quranreflect-groups-invite-user', status: 422, errorKind: 'unprocessable' });
    const text = logs.text();
    for (const secret of [caller.authToken, email, 'not-an-address']) expect(text).not.toContain(secret);
  } finally {
    logs.restore();
  }
});

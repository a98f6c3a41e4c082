/**
 * A fourth dialect from a test fixture (test/fixtures/toy-dialect/, never shipped) goes through
 * the whole chain by registering itself, with no core file naming it: its route served by the
 * local HTTP server, its item written to DynamoDB Local, the table's stream decoded into its event
 * by its own recognizer and rule (checked against the schema it registered), and the e-mail that
 * event asks for sent through the local SES.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mailerFromEnvironment } from '../../functions/email/ses-mailer';
import { notifier } from '../../functions/handlers/notifier/deliver-emails';
import { environmentDependencies, publishChanges } from '../../functions/handlers/stream/publish-changes';
import { outboxSink } from '../../functions/events/sinks';
import { notifierStore } from '../../functions/handlers/notifier/deliver-emails';
import { safeParse } from '../../functions/lib/zod';
import { registerDialect, registeredDialects } from '../../functions/registry';
import { routes } from '../../functions/routes';
import { dynamoDbClient, tableName } from '../../functions/store/client';
import type { StreamRecord } from '../../functions/store/table-changes';
import { withEmailDelivery } from '../../local/email-sink';
import type { LocalServer } from '../../local/http-server';
import { startStreamReader, type StreamReader } from '../../local/stream-reader';
import { toyModule } from '../fixtures/toy-dialect';
import { waveRoute } from '../fixtures/toy-dialect/routes';
import * as fixtures from '../support/fixtures';
import { request } from '../support/http';
import { startInProcessApi } from '../support/in-process-api';
import { waitForEmails } from '../support/ses-inbox';

let api: LocalServer;
let reader: StreamReader;
let deliveries: ReturnType<typeof withEmailDelivery>;
const outbox = resolve(mkdtempSync(resolve(tmpdir(), 'toy-dialect-')), 'outbox.jsonl');
const log: string[] = [];

/** Only the toy's own items: the shared table's other changes are the shared service's to publish. */
const isToyItem = (record: StreamRecord) => (record.dynamodb?.NewImage ?? record.dynamodb?.OldImage)?.pk?.S?.startsWith('TOY#');

beforeAll(async () => {
  registerDialect(toyModule);
  // The local server with the shipped routes and the toy's: the same adapter `npm start` uses.
  const { startHttpServer } = await import('../../local/http-server');
  api = await startHttpServer({ port: 0, routes: [...routes, ...toyModule.routes] });
  // The stream consumer's own path, into an outbox of this test's, then the notifier's, to the local SES.
  const mailer = mailerFromEnvironment({ ...process.env, SES_ENDPOINT: process.env.SES_URL });
  deliveries = withEmailDelivery(outboxSink(outbox), notifier(notifierStore, mailer), (line) => log.push(line));
  reader = await startStreamReader({
    dynamoDb: dynamoDbClient,
    endpoint: process.env.DYNAMODB_ENDPOINT!,
    tableName,
    startAt: 'LATEST',
    pollMs: 20,
    publish: (records) => publishChanges(records.filter(isToyItem), deliveries, environmentDependencies()),
    onError: (error) => log.push(String(error)),
  });
});

afterAll(async () => {
  await reader?.stop();
  await deliveries?.idle();
  await api?.close();
});

test('the toy registered beside the shipped dialects (and the webhook API), none of whose code names it', () => {
  expect(registeredDialects().map((module) => module.dialect.name)).toEqual(['rocketchat', 'quranreflect', 'berty', 'webhooks', 'toy']);
  expect(() => registerDialect(toyModule)).toThrow('a dialect named toy is registered already');
});

test('route → table item → stream event → e-mail', async () => {
  const waver = await fixtures.user();
  const to = `${fixtures.unique('waved-at')}@example.com`;

  const response = await request('POST', `/toy/v1/waves/${encodeURIComponent(to)}`, {
    baseUrl: api.url,
    headers: toyModule.dialect.authHeaders({ token: waver.authToken, userId: waver._id }),
  });
  expect(response.status, response.text).toBe(200);
  expect(safeParse(waveRoute.output!, response.json).success).toBe(true);

  const [email] = await waitForEmails(to);
  expect(email!.subject).toBe(`${waver.username} waved at you`);
  expect(email!.body.text).toBe(`${waver.username} waved at you.`);

  const events = readFileSync(outbox, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  expect(events).toEqual([
    expect.objectContaining({
      'detail-type': 'Toy Wave Sent',
      detail: { dialect: 'toy', waveId: response.json.waveId, from: { userId: waver._id, username: waver.username }, to },
    }),
  ]);
  // The notifier logs once SES has answered, which may be after the local SES stored the message.
  await deliveries.idle();
  expect(log).toEqual(['[email] Toy Wave Sent: sent']);
});

test("the toy's own envelope: a refused token and a bad address answer in it", async () => {
  const refused = await request('POST', '/toy/v1/waves/someone%40example.com', { baseUrl: api.url, headers: { 'x-toy-token': 'nope' } });
  expect([refused.status, refused.json]).toEqual([401, { ok: false, reason: 'unknown toy token' }]);
  const waver = await fixtures.user();
  const bad = await request('POST', '/toy/v1/waves/not-an-address', { baseUrl: api.url, headers: { 'x-toy-token': waver.authToken } });
  expect(bad.status).toBe(400);
  expect(bad.json).toEqual({ ok: false, reason: 'to: Invalid email address' });
});

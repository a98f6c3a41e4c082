/**
 * The deployed publisher against a stand-in EventBridge endpoint (real SDK, real HTTP): entries of
 * at most 10, source `invites`, the bus name, the detail as JSON; refused entries fail the publish.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { eventBridgePublisher } from '../../functions/events/publisher';

let server: Server;
let endpoint: string;
let failEntries = 0;
const calls: { target: string; body: { Entries: Record<string, string>[] } }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const body = JSON.parse(text);
      calls.push({ target: String(req.headers['x-amz-target']), body });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ FailedEntryCount: failEntries, Entries: body.Entries.map((_: unknown, i: number) => ({ EventId: `e${i}` })) }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((done) => server.close(done)));

test('PutEvents in batches of 10 on the bus, with source, detail-type and detail', async () => {
  const publisher = eventBridgePublisher('invites-test-bus', endpoint);
  const events = Array.from({ length: 23 }, (_, i) => ({ type: 'Invitation Created' as const, detail: { roomId: i } }));
  await publisher.publish(events);
  expect(calls.map((call) => call.target)).toEqual(Array(3).fill('AWSEvents.PutEvents'));
  expect(calls.map((call) => call.body.Entries.length).sort()).toEqual([10, 10, 3]);
  const entries = calls.flatMap((call) => call.body.Entries);
  expect(entries[0]).toEqual({ EventBusName: 'invites-test-bus', Source: 'invites', DetailType: 'Invitation Created', Detail: JSON.stringify({ roomId: entries[0] && JSON.parse(entries[0].Detail!).roomId }) });
  expect(entries.map((entry) => JSON.parse(entry.Detail!).roomId).sort((a, b) => a - b)).toEqual([...Array(23).keys()]);
});

test('entries the bus refuses fail the publish with a 503-class error', async () => {
  failEntries = 1;
  await expect(eventBridgePublisher('invites-test-bus', endpoint).publish([{ type: 'Member Added', detail: {} }])).rejects.toMatchObject({
    kind: 'unavailable',
    message: 'The event bus refused 1 event(s)',
  });
});

/**
 * The stream consumer's EventBridge sink against a stand-in endpoint (real SDK, real HTTP): entries
 * of at most 10, source `invites`, the bus name, the commit time, the detail as JSON with the
 * event's stable id; refused entries fail the put (and the consumer retries the records).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { EventEnvelope } from '../../functions/events/catalogue';
import { eventBridgeSink } from '../../functions/events/sinks';

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
      res.end(
        JSON.stringify({ FailedEntryCount: failEntries, Entries: body.Entries.map((_: unknown, i: number) => ({ EventId: `e${i}` })) }),
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((done) => server.close(done)));

const event = (i: number): EventEnvelope => ({
  id: `id-${i}`,
  time: '2026-12-03T07:40:00.000Z',
  source: 'invites',
  'detail-type': 'Member Added',
  detail: { roomId: i },
});

test('PutEvents in batches of 10 on the bus, with source, detail-type, time and detail (carrying the event id)', async () => {
  const sink = eventBridgeSink('invites-test-bus', endpoint);
  await sink.put(Array.from({ length: 23 }, (_, i) => event(i)));
  expect(calls.map((call) => call.target)).toEqual(Array(3).fill('AWSEvents.PutEvents'));
  expect(calls.map((call) => call.body.Entries.length).sort()).toEqual([10, 10, 3]);
  const entries = calls.flatMap((call) => call.body.Entries);
  const first = entries.find((entry) => JSON.parse(entry.Detail!).roomId === 0)!;
  expect(first).toEqual({
    EventBusName: 'invites-test-bus',
    Source: 'invites',
    DetailType: 'Member Added',
    Time: 1796283600,
    Detail: JSON.stringify({ roomId: 0, eventId: 'id-0' }),
  });
  expect(entries.map((entry) => JSON.parse(entry.Detail!).roomId).sort((a, b) => a - b)).toEqual([...Array(23).keys()]);
});

test('entries the bus refuses fail the put; nothing is sent for no events', async () => {
  failEntries = 1;
  const sink = eventBridgeSink('invites-test-bus', endpoint);
  await expect(sink.put([event(1)])).rejects.toThrow('the event bus refused 1 event(s)');
  const before = calls.length;
  await sink.put([]);
  expect(calls.length).toBe(before);
});

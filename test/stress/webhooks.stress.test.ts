/**
 * 1,000 events to 3 endpoints → 3,000 deliveries and no (endpoint, webhook-id) delivered twice,
 * though every event reaches the deliverer twice at once (SQS delivers at least once) and one
 * endpoint fails the first try of every tenth event (retried from the queue). On the shared
 * DynamoDB Local, real HTTP receivers, the local queue speaking SQS, the service's clock moved on
 * for the retries.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { endpointRules, endpointStore } from '../../functions/dialects/webhooks/handlers/wiring';
import { createEndpoint } from '../../functions/domain/webhooks/endpoints';
import { manualClock } from '../../functions/lib/clock';
import type { LocalQueue } from '../../local/webhook-queue';
import * as fixtures from '../support/fixtures';
import { startTestDeliverer } from '../support/test-deliverer';
import { type Receiver, startReceiver } from '../support/webhook-receiver';

const EVENTS = 1_000;
const PATHS = ['/s1', '/s2', '/s3'];
let receiver: Receiver;
let queue: LocalQueue;
const time = manualClock(Date.now());
/** 2xx answers by path and webhook-id. */
const successes = new Map<string, number>();

beforeAll(async () => {
  receiver = await startReceiver();
  for (const path of PATHS)
    receiver.answer(path, (delivery) => {
      const failFirst = path === '/s3' && Number(delivery.id.split('-').at(-1)) % 10 === 0;
      const key = `${path} ${delivery.id}`;
      if (failFirst && !receiver.at(path).some((earlier) => earlier !== delivery && earlier.id === delivery.id)) return { status: 500 };
      successes.set(key, (successes.get(key) ?? 0) + 1);
      return { status: 204 };
    });
});
afterAll(async () => {
  await queue?.stop();
  await receiver?.stop();
  time.restore();
});

test('1,000 events × 3 endpoints, each event handed over twice: 3,000 deliveries, none twice', async () => {
  const running = await startTestDeliverer();
  const { deliverer } = running;
  queue = running.queue;
  // A dialect no real event has: the running service's own deliverer sends these endpoints nothing.
  const dialect = fixtures.unique('stress');
  for (const path of PATHS)
    receiver.expect(
      path,
      (await createEndpoint({ url: receiver.url(path), dialect }, endpointStore, { ...endpointRules(), allowLocalHttp: true })).secret,
    );
  const run = fixtures.unique('run');
  const events = Array.from({ length: EVENTS }, (_, index) => ({
    id: `${run}-${index}`,
    time: new Date().toISOString(),
    source: 'invites',
    'detail-type': 'Member Added',
    detail: { dialect, roomId: 'r', userId: `u${index}`, username: `user${index}`, how: 'invited' },
  }));
  const started = Date.now();
  // Twenty at a time (Lambda's pollers), each event twice at once.
  for (let next = 0; next < events.length; next += 20) {
    const slice = events.slice(next, next + 20);
    await Promise.all(slice.flatMap((event) => [deliverer.handle(event), deliverer.handle(event)]));
  }
  const inline = Date.now() - started;
  // The hundred failed first tries come back after the schedule's 5 s.
  time.advance(5_000);
  while ((await queue.runDue()) > 0);

  for (const path of PATHS) {
    const ids = new Set(receiver.at(path).map((delivery) => delivery.id));
    expect(ids.size, path).toBe(EVENTS);
  }
  expect(successes.size).toBe(3 * EVENTS);
  expect([...successes.values()].filter((count) => count > 1)).toEqual([]);
  expect(receiver.at('/s3')).toHaveLength(EVENTS + EVENTS / 10);
  expect(receiver.received.every((delivery) => delivery.verified !== undefined)).toBe(true);
  console.log(
    `webhooks stress: ${3 * EVENTS} deliveries (${2 * EVENTS} handovers, ${EVENTS / 10} retries) in ${inline} ms inline: ${Math.round((3 * EVENTS * 1000) / inline)} deliveries/s`,
  );
});

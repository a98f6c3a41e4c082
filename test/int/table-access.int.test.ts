/**
 * Every route's example request, on the demo data, needs only the IAM actions its row grants
 * (`tableAccess` becomes the function's IAM policy, so a call outside it fails once deployed; a
 * transaction needs its parts' actions), both on the first use of its token and after. Run in
 * route-table order, as `npm start` prints the examples; each must answer below 500. (The whole
 * suites' calls are checked against the synthesized policies at the end of every run.)
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { seedDemoData } from '../../demo/demo-data';
import { manualClock } from '../../functions/lib/clock';
import { routes } from '../../functions/routes';
import { dynamoDbClient } from '../../functions/store/client';
import { buildContext } from '../../local/api-gateway-event';
import { exampleEvent, type Placeholders } from '../../local/demo-requests';
import { iamChecksOf } from '../../local/grants/iam-actions';
import { loadHandler } from '../../local/handlers';
import { type LocalQueue, startLocalQueue } from '../../local/webhook-queue';

process.env.RATE_LIMIT = 'on';
/** The IAM actions the calls made meanwhile need. */
let needed: string[] = [];
dynamoDbClient.middlewareStack.add(
  (next, context) => async (args) => {
    for (const check of iamChecksOf(String(context.commandName), args.input as Record<string, unknown>))
      needed.push(check.action.replace(/^dynamodb:/, ''));
    return next(args);
  },
  { step: 'initialize', name: 'iamActionRecorder' },
);
let placeholders: Placeholders;
// A minute between routes: every per-instance cache (tokens, clients, grants) is cold for each.
const clock = manualClock(Date.now());
afterAll(() => clock.restore());

let queue: LocalQueue;
beforeAll(async () => {
  placeholders = (await seedDemoData()).placeholders;
  // The webhook re-send routes hand their deliveries to a queue: a local one that keeps them.
  queue = await startLocalQueue(
    async () => undefined,
    () => undefined,
  );
  process.env.WEBHOOK_RETRY_QUEUE_URL = queue.url;
  process.env.SQS_ENDPOINT = new URL(queue.url).origin;
}, 60_000);
afterAll(() => queue?.stop());

test.each(routes.map((route) => [route.id, route] as const))('%s calls only what its row grants', async (_id, route) => {
  clock.advance(60_000);
  const handler = await loadHandler(route);
  const event = () => exampleEvent(route, placeholders, '127.77.0.1');
  for (const run of ['first', 'again']) {
    needed = [];
    const result = await handler(event(), buildContext(route));
    expect(result.statusCode, `${run}: ${result.body}`).toBeLessThan(500);
    expect(
      [...new Set(needed)].filter((action) => !route.tableAccess.includes(action as never)),
      run,
    ).toEqual([]);
  }
});

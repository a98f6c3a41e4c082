/**
 * Every route's example request, on the demo data, calls only the DynamoDB actions its row grants
 * (`tableAccess` becomes the function's IAM policy, so a call outside it fails once deployed),
 * both on the first use of its token and after. Run in route-table order, as `npm start` prints
 * the examples; each must answer below 500.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { seedDemoData } from '../../demo/demo-data';
import { manualClock } from '../../functions/lib/clock';
import { routes } from '../../functions/routes';
import { dynamoDbClient } from '../../functions/store/client';
import { buildContext, buildEvent, matchPath } from '../../local/api-gateway-event';
import { authHeaders, examplePath, fill, hasBody, type Placeholders } from '../../local/demo-requests';
import { recordDynamoDbCalls } from '../../local/dynamodb-call-recorder';
import { loadHandler } from '../../local/handlers';

process.env.RATE_LIMIT = 'on';
const recorder = recordDynamoDbCalls(dynamoDbClient);
let placeholders: Placeholders;
// A minute between routes: every per-instance cache (tokens, clients, grants) is cold for each.
const clock = manualClock(Date.now());
afterAll(() => clock.restore());

beforeAll(async () => {
  placeholders = (await seedDemoData()).placeholders;
}, 60_000);

test.each(routes.map((route) => [route.id, route] as const))('%s calls only what its row grants', async (_id, route) => {
  clock.advance(60_000);
  const handler = await loadHandler(route);
  const path = fill(examplePath(route), placeholders);
  const event = () =>
    buildEvent(
      route,
      {
        method: route.method,
        path,
        rawQueryString: route.exampleQuery ? fill(route.exampleQuery, placeholders) : undefined,
        headers: fill(authHeaders(route), placeholders),
        body: hasBody(route) ? JSON.stringify(fill(route.exampleBody, placeholders)) : undefined,
        sourceIp: '127.77.0.1',
      },
      matchPath(route.path, path),
    );
  for (const run of ['first', 'again']) {
    const { result, summary } = await recorder.measure(() => handler(event(), buildContext(route)));
    expect(result.statusCode, `${run}: ${result.body}`).toBeLessThan(500);
    expect(Object.keys(summary.byCommand).filter((command) => !route.tableAccess.includes(command as never)), run).toEqual([]);
  }
});

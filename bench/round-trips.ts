/** Section 1: DynamoDB calls and sequential round trips per request, counted by an SDK middleware. */
import { randomBytes } from 'node:crypto';
import { BATCH_GET_LIMIT } from '../functions/store/batch';
import { dynamoDbClient } from '../functions/store/client';
import { createRoom } from '../functions/domain/rocketchat/rooms';
import { createUser, createUsersInBulk } from '../functions/domain/users';
import { ADDITIONS_PER_TRANSACTION } from '../functions/store/rooms';
import { createToken } from '../functions/store/tokens';
import { buildContext, buildEvent } from '../local/api-gateway-event';
import { recordDynamoDbCalls } from '../local/dynamodb-call-recorder';
import { loadHandler } from '../local/handlers';
import type { Scenario } from './scenarios';
import { printTable, verdict } from './stats';

export async function measureRoundTrips(scenarios: Scenario[]) {
  const recorder = recordDynamoDbCalls(dynamoDbClient);
  const single = [];
  for (const scenario of scenarios) {
    const handler = await loadHandler(scenario.route);
    const run = () => handler(scenario.event(), buildContext(scenario.route));
    const cold = await recorder.measure(run); // first call of this token: auth read
    const warm = await recorder.measure(run); // warm instance: auth from the cache
    single.push({
      endpoint: scenario.route.id,
      status: warm.result.statusCode ?? 0,
      'cold calls': cold.summary.calls,
      'cold sequential': cold.summary.sequentialRoundTrips,
      'warm calls': warm.summary.calls,
      'warm sequential': warm.summary.sequentialRoundTrips,
      target: '≤ 3 sequential (warm)',
      verdict: verdict(warm.summary.sequentialRoundTrips <= 3),
    });
  }
  console.log('\n## 1. DynamoDB round trips per request (rate limiting on)\n');
  printTable(single);

  // Bulk invites: one fresh room per size, the caller's token warm.
  const route = scenarios[0]!.route;
  const handler = await loadHandler(route);
  const owner = await createUser({ username: `bulk-owner-${randomBytes(4).toString('hex')}` });
  const token = await createToken(owner._id);
  const headers = { 'x-auth-token': token, 'x-user-id': owner._id };
  const bulk = [];
  for (const n of [1, 10, 100, 1000]) {
    const room = await createRoom({ name: `bulk-${n}-${randomBytes(4).toString('hex')}`, type: 'c', owner });
    const users = await createUsersInBulk(Array.from({ length: n }, (_, i) => ({ username: `bulk-${randomBytes(4).toString('hex')}-${i}` })));
    const invite = (userIds: string[]) =>
      handler(buildEvent(route, { method: 'POST', path: route.path, headers, body: JSON.stringify({ roomId: room._id, userIds }) }), buildContext(route));
    await invite([]); // warms the auth cache
    const { result, summary } = await recorder.measure(() => invite(users.map((u) => u._id)));
    const reads = Math.ceil((n + 5) / BATCH_GET_LIMIT);
    const transactions = Math.ceil(n / ADDITIONS_PER_TRANSACTION);
    const target = reads + transactions + 2; // + the rate-limit count and the re-read
    bulk.push({
      N: n,
      status: result.statusCode ?? 0,
      calls: summary.calls,
      BatchGetItem: summary.byCommand.BatchGetItem ?? 0,
      TransactWriteItems: summary.byCommand.TransactWriteItems ?? 0,
      sequential: summary.sequentialRoundTrips,
      'target calls': n === 1000 ? `≤ ${Math.min(50, target)}` : `≤ ${target}`,
      verdict: verdict(summary.calls <= target && (n < 1000 || summary.calls <= 50)),
    });
  }
  console.log(`\nBulk channels.invite (userIds): reads ⌈(N+5)/${BATCH_GET_LIMIT}⌉ concurrent, transactions ⌈N/${ADDITIONS_PER_TRANSACTION}⌉ in sequence (all update the room item)\n`);
  printTable(bulk);
  return { single, bulk };
}

/**
 * The webhook deliverer (docs/webhooks.md), in process, against the bench's DynamoDB Local and a
 * local receiver answering 204: DynamoDB calls and sequential round trips per delivery (floor 2:
 * the claim before sending, the outcome with its attempt log line after), CPU per delivery (the
 * whole try: claim, signing, HTTP, outcome; and the signing alone), deliveries per second to the
 * local receiver (20 at a time, as Lambda's pollers hand batches over), and what a million
 * deliveries cost deployed, from the items' measured sizes and the list prices below.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { endpointRules, endpointStore } from '../functions/dialects/webhooks/handlers/wiring';
import { createEndpoint } from '../functions/domain/webhooks/endpoints';
import { webhookDeliverer } from '../functions/handlers/webhooks/webhook-deliverer';
import { dynamoDbClient } from '../functions/store/client';
import { getWebhookDelivery, listWebhookAttempts } from '../functions/store/webhooks';
import { newWebhookSecret, webhookHeaders } from '../functions/webhooks/standard-webhooks';
import { recordDynamoDbCalls } from '../local/dynamodb-call-recorder';
import { startLocalQueue } from '../local/webhook-queue';
import { median, printTable, round } from './stats';

/** us-east-1 list prices, 2026-12: Lambda arm64, SQS standard, DynamoDB on demand (per million). */
const PRICES = {
  lambdaGbSecond: 0.0000133334,
  lambdaRequestPerMillion: 0.2,
  sqsRequestPerMillion: 0.4,
  dynamoDbWriteUnitPerMillion: 0.625,
  eventBridgeEventPerMillion: 1.0,
};

const cpuMicros = async (work: () => Promise<unknown>) => {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return used.user + used.system;
};

export async function measureWebhooks() {
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  let deliverer!: ReturnType<typeof webhookDeliverer>;
  const queue = await startLocalQueue(
    (body) => deliverer.handle(JSON.parse(body)).then(() => undefined),
    () => undefined,
  );
  try {
    deliverer = webhookDeliverer({ queueUrl: queue.url, queueEndpoint: new URL(queue.url).origin, sender: { allowLocalHttp: true } });
    const dialect = `bench-${randomBytes(4).toString('hex')}`;
    const { endpoint } = await createEndpoint({ url, dialect }, endpointStore, { ...endpointRules(), allowLocalHttp: true });
    let count = 0;
    const event = () => ({
      id: `bench-${dialect}-${++count}`,
      time: new Date().toISOString(),
      source: 'invites',
      'detail-type': 'Invitation Created',
      detail: {
        dialect,
        roomId: 42,
        invitee: { email: 'someone@example.com' },
        invitedBy: { userId: '7' },
        expiresAt: new Date().toISOString(),
        renewed: false,
      },
    });

    const recorder = recordDynamoDbCalls(dynamoDbClient);
    deliverer.forgetEndpoints();
    const cold = await recorder.measure(() => deliverer.handle(event()));
    const warm = await recorder.measure(() => deliverer.handle(event()));
    const duplicate = event();
    await deliverer.handle(duplicate);
    const again = await recorder.measure(() => deliverer.handle(duplicate));
    const rows = [
      ['first try, endpoints read (cold)', cold],
      ['first try, endpoints cached (warm)', warm],
      ['a copy of a delivered event (SQS at least once)', again],
    ].map(([name, measured]) => {
      const { summary } = measured as typeof cold;
      return {
        delivery: name as string,
        calls: summary.calls,
        sequential: summary.sequentialRoundTrips,
        floor: name === 'a copy of a delivered event (SQS at least once)' ? 1 : 2,
        by: Object.entries(summary.byCommand)
          .map(([command, n]) => `${command.replace(/Command$/, '')}×${n}`)
          .join(' '),
      };
    });
    printTable(rows);

    const perDelivery: number[] = [];
    for (let i = 0; i < 200; i += 1) perDelivery.push(await cpuMicros(() => deliverer.handle(event())));
    const secret = newWebhookSecret();
    const body = JSON.stringify({ type: 'invitation.created', timestamp: new Date().toISOString(), data: event().detail });
    const signing: number[] = [];
    for (let i = 0; i < 500; i += 1) signing.push(await cpuMicros(async () => webhookHeaders([secret], 'evt', 1_700_000_000, body)));

    const total = 400;
    const events = Array.from({ length: total }, event);
    const started = performance.now();
    for (let next = 0; next < total; next += 20) await Promise.all(events.slice(next, next + 20).map((e) => deliverer.handle(e)));
    const perSecond = total / ((performance.now() - started) / 1000);

    const delivery = await getWebhookDelivery(endpoint.id, events[0]!.id);
    const [attempt] = await listWebhookAttempts(endpoint.id, 1);
    const kb = (value: unknown) => Buffer.byteLength(JSON.stringify(value)) / 1024;
    // Write units: the claim (an update of the delivery item), then the transaction (delivery update + attempt put, each twice).
    const deliveryUnits = Math.ceil(kb(delivery) + 0.1);
    const attemptUnits = Math.ceil(kb(attempt) + 0.1);
    const writeUnits = deliveryUnits + 2 * (deliveryUnits + attemptUnits);
    const cpu = [
      { work: 'one delivery, whole (claim, sign, POST, outcome; in-process I/O included)', 'CPU µs (median)': round(median(perDelivery)) },
      { work: 'signing one body (Standard Webhooks v1, one secret)', 'CPU µs (median)': round(median(signing)) },
    ];
    console.log('');
    printTable(cpu);
    console.log(`\n${total} deliveries to a local receiver, 20 at a time: ${round(perSecond, 0)} deliveries/s (DynamoDB Local bounds it)`);

    // A million deliveries, all first tries, ten to an invocation of ~0.2 s at 256 MB (a receiver answering in ~100 ms).
    const cost = {
      lambda: (1e6 / 10) * (PRICES.lambdaRequestPerMillion / 1e6) + (1e6 / 10) * 0.2 * 0.25 * PRICES.lambdaGbSecond,
      // The events queue: the rule's send, and batched receives and deletes (ten a call).
      sqs: (1e6 + 1e5 + 1e5) * (PRICES.sqsRequestPerMillion / 1e6),
      dynamoDb: writeUnits * PRICES.dynamoDbWriteUnitPerMillion,
      // EventBridge bills the event once, when the service publishes it; the rule's SQS target adds nothing.
      eventBridge: 0,
    };
    const costRows = [
      { part: 'Lambda (100,000 invocations of ~0.2 s at 256 MB, arm64)', 'USD per million': round(cost.lambda, 2) },
      { part: 'SQS (events queue: 1 M sends + 0.2 M batched receives/deletes)', 'USD per million': round(cost.sqs, 2) },
      {
        part: `DynamoDB (${writeUnits} write units a delivery: claim ${deliveryUnits}, outcome transaction 2×(${deliveryUnits}+${attemptUnits}))`,
        'USD per million': round(cost.dynamoDb, 2),
      },
      { part: 'EventBridge (the event is published anyway; the rule adds nothing)', 'USD per million': 0 },
      { part: 'total', 'USD per million': round(cost.lambda + cost.sqs + cost.dynamoDb + cost.eventBridge, 2) },
    ];
    console.log('');
    printTable(costRows);
    return { roundTrips: rows, cpu, deliveriesPerSecond: round(perSecond, 0), costPerMillion: costRows };
  } finally {
    await queue.stop();
    receiver.close();
  }
}

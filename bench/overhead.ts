/**
 * Section 2: CPU time per invocation with DynamoDB answered instantly from memory, for each
 * handler and for a bare handler doing the same store calls without middy, zod or auth.
 */
import { randomBytes } from 'node:crypto';
import { BatchGetCommand, GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { keyId } from '../functions/store/batch';
import { documentClient, tableName } from '../functions/store/client';
import { buildContext } from '../local/api-gateway-event';
import { loadHandler } from '../local/handlers';
import type { Scenario } from './scenarios';
import { step } from './progress';
import { median, printTable, round, verdict } from './stats';

type Send = typeof documentClient.send;

/** Snapshot of the table, served from memory: reads answer from it, writes succeed and change nothing. */
export async function inMemoryStub(): Promise<Send> {
  const items = new Map<string, Record<string, unknown>>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    for (const item of page.Items ?? []) items.set(keyId(item as { pk: string; sk: string }), item);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  const partitions = new Map<unknown, Record<string, unknown>[]>();
  for (const item of items.values()) {
    const partition = partitions.get(item.pk);
    if (partition) partition.push(item);
    else partitions.set(item.pk, [item]);
  }
  const stub = async (command: unknown) => {
    const input = (command as { input: Record<string, any> }).input;
    if (command instanceof GetCommand) return { Item: items.get(keyId(input.Key)) };
    if (command instanceof BatchGetCommand) {
      const request = input.RequestItems[tableName];
      return { Responses: { [tableName]: request.Keys.map((key: { pk: string; sk: string }) => items.get(keyId(key))).filter(Boolean) } };
    }
    const name = (command as object).constructor.name;
    if (name === 'UpdateCommand') return { Attributes: { count: 1, value: 1 } };
    if (name === 'QueryCommand') {
      // Table queries by partition and sort-key prefix (queryByPrefix); index queries find nothing.
      const values = input.ExpressionAttributeValues ?? {};
      if (input.IndexName || values[':prefix'] === undefined) return { Items: [] };
      return { Items: (partitions.get(values[':pk']) ?? []).filter((item) => String(item.sk).startsWith(values[':prefix'])) };
    }
    return {};
  };
  return stub as unknown as Send;
}

async function cpuMicros(run: () => Promise<unknown>, calls: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < calls; i++) await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

/**
 * Median CPU µs per call of two functions, after a long warm-up (the JIT needs thousands of
 * calls to settle), measured in alternating batches so both see the same machine noise.
 */
async function compare(a: () => Promise<unknown>, b: () => Promise<unknown>, calls = 300, batches = 15) {
  for (let i = 0; i < 3000; i++) {
    await a();
    await b();
  }
  const aSamples: number[] = [];
  const bSamples: number[] = [];
  for (let i = 0; i < batches; i++) {
    aSamples.push(await cpuMicros(a, calls));
    bSamples.push(await cpuMicros(b, calls));
  }
  return [median(aSamples), median(bSamples)] as const;
}

export async function measureOverhead(scenarios: Scenario[]) {
  const realSend = documentClient.send;
  step('the table snapshot for the in-memory stub (Scan)');
  documentClient.send = await inMemoryStub();
  // Requests publish nothing (events come from the table's stream, measured on their own row).
  process.env.INVITATION_TOKEN_KEY ||= randomBytes(32).toString('base64');
  const rows = [];
  try {
    for (const scenario of scenarios) {
      step(`${scenario.route.id}: the handler against its bare twin`);
      const handler = await loadHandler(scenario.route);
      const event = scenario.event();
      const probe = await handler(event, buildContext(scenario.route));
      const [handlerMicros, bareMicros] = await compare(
        () => handler(event, buildContext(scenario.route)),
        () => scenario.bare(event),
      );
      const ratio = handlerMicros / bareMicros;
      rows.push({
        endpoint: scenario.route.id,
        status: probe.statusCode ?? 0,
        'handler µs': round(handlerMicros),
        'bare µs': round(bareMicros),
        ratio: round(ratio, 2),
        target: '≤ 50 µs, ≤ 1.5×',
        verdict: verdict(handlerMicros <= 50 && ratio <= 1.5),
      });
    }
  } finally {
    documentClient.send = realSend;
  }
  console.log(
    '\n## 2. In-process CPU per invocation (DynamoDB stubbed in memory; requests publish nothing; after 3,000 warm-up calls, medians of 15 alternating batches of 300)\n',
  );
  printTable(rows);
  console.log('(Berty Create and Join include Ed25519 key generation / verification, in the bare handler too.)');
  return rows;
}

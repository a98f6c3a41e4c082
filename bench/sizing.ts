/**
 * `npm run bench:sizing`: what each route costs, measured on its own DynamoDB Local with the demo
 * data, to choose each function's memory and price a million requests.
 *
 * Per route, its printed example: DynamoDB capacity units (ReturnConsumedCapacity, added to every
 * call by an SDK middleware) and sequential round trips of the first, real request; CPU ms per
 * request (user + system of this process) as the median of 60 repeats after 30 of warm-up. Repeats of a
 * one-shot example (accept, reject, leave, remove) take its refusal path, which reads the same
 * items and writes nothing. Then, per memory size on arm64 (Lambda gives a function 1 vCPU at
 * 1,769 MB, proportionally less below): estimated warm duration = CPU × 1769 / memory + round
 * trips × 8 ms (DynamoDB's client-side p50 in-region, see docs/benchmarks.md), and estimated cold
 * module init = the bundle's init measured by `npm run bench` (section 3, bench/results.json) ×
 * 1769 / memory. The chosen memory is the smallest that meets both goals: warm ≤ 100 ms, cold init
 * ≤ 600 ms. The CPU part costs the same at any size (half the memory, twice the time); the waits
 * cost in proportion to memory, so the smallest size that meets the goals is also the cheapest.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBenchDatabase, useUnreachedRateLimits } from './environment';

const MEMORY_SIZES = [128, 256, 512, 1024] as const;
const FULL_CPU_MB = 1769;
const ROUND_TRIP_MS = 8;
const GOALS = { warmMs: 100, coldInitMs: 600 };

/** Each bundle's module init (ms, full CPU) from the last `npm run bench`, by route id. */
function initMsByRoute(): Record<string, number> {
  const file = resolve(import.meta.dirname, 'results.json');
  if (!existsSync(file)) return {};
  const { coldStart = [] } = JSON.parse(readFileSync(file, 'utf8')) as { coldStart?: { bundle: string; 'init ms (median)': number }[] };
  return Object.fromEntries(coldStart.map((row) => [row.bundle, row['init ms (median)']]));
}
/** us-east-1 list prices, December 2026. */
const PRICE = {
  lambdaPerMillionRequests: 0.2,
  /** arm64, per GB-second. */
  lambdaPerGbSecond: 0.0000133334,
  httpApiPerMillionRequests: 1.0,
  dynamoDbPerMillionReadUnits: 0.125,
  dynamoDbPerMillionWriteUnits: 0.625,
};

interface Capacity {
  read: number;
  write: number;
}

async function main() {
  const dynamoDb = await startBenchDatabase();
  await useUnreachedRateLimits();
  try {
    const { routes } = await import('../functions/routes');
    const { seedDemoData } = await import('../demo/demo-data');
    const { dynamoDbClient } = await import('../functions/store/client');
    const { buildContext } = await import('../local/api-gateway-event');
    const { exampleEvent } = await import('../local/demo-requests');
    const { recordDynamoDbCalls } = await import('../local/dynamodb-call-recorder');
    const { loadHandler } = await import('../local/handlers');

    // Every call reports the capacity it consumed.
    let consumed: Capacity = { read: 0, write: 0 };
    dynamoDbClient.middlewareStack.add(
      (next, context) => async (args) => {
        (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        const reading = /^(Get|BatchGet|Query|Scan|TransactGet)/.test(String(context.commandName));
        const entries = [(result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity ?? []].flat() as {
          CapacityUnits?: number;
          ReadCapacityUnits?: number;
          WriteCapacityUnits?: number;
        }[];
        for (const entry of entries) {
          const split = entry.ReadCapacityUnits !== undefined || entry.WriteCapacityUnits !== undefined;
          const read = split ? (entry.ReadCapacityUnits ?? 0) : reading ? (entry.CapacityUnits ?? 0) : 0;
          const write = split ? (entry.WriteCapacityUnits ?? 0) : reading ? 0 : (entry.CapacityUnits ?? 0);
          consumed = { read: consumed.read + read, write: consumed.write + write };
        }
        return result;
      },
      { step: 'initialize', name: 'consumedCapacity', override: true },
    );
    const recorder = recordDynamoDbCalls(dynamoDbClient);
    const { placeholders } = await seedDemoData();

    const initMs = initMsByRoute();
    const rows = [];
    for (const route of routes) {
      const handler = await loadHandler(route);
      const event = () => exampleEvent(route, placeholders);
      consumed = { read: 0, write: 0 };
      const { result, summary } = await recorder.measure(() => handler(event(), buildContext(route)));
      const capacity = consumed;
      for (let i = 0; i < 30; i++) await handler(event(), buildContext(route)); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < 60; i++) {
        const start = process.cpuUsage();
        await handler(event(), buildContext(route));
        const used = process.cpuUsage(start);
        samples.push((used.user + used.system) / 1000);
      }
      samples.sort((a, b) => a - b);
      const cpuMs = samples[Math.floor(samples.length / 2)]!;
      const estimates = Object.fromEntries(MEMORY_SIZES.map((mb) => [mb, durationMs(cpuMs, summary.sequentialRoundTrips, mb)]));
      const init = initMs[route.id];
      const meetsGoals = (mb: number) => estimates[mb]! <= GOALS.warmMs && (init === undefined || init * cpuScale(mb) <= GOALS.coldInitMs);
      const memory = MEMORY_SIZES.find(meetsGoals) ?? MEMORY_SIZES.at(-1)!;
      rows.push({
        route: route.id,
        status: result.statusCode,
        cpuMs: round(cpuMs, 2),
        sequentialRoundTrips: summary.sequentialRoundTrips,
        coldInitMsAtMemory: init === undefined ? null : round(init * cpuScale(memory), 0),
        readUnits: round(capacity.read, 1),
        writeUnits: round(capacity.write, 1),
        durationMsByMemory: Object.fromEntries(Object.entries(estimates).map(([mb, ms]) => [mb, round(ms, 1)])),
        memoryMb: memory,
        costPerMillion: cost(estimates[memory]!, memory, capacity),
      });
    }
    print(rows);
    writeFileSync(
      resolve(import.meta.dirname, 'sizing.json'),
      `${JSON.stringify({ date: new Date().toISOString(), node: process.version, prices: PRICE, roundTripMs: ROUND_TRIP_MS, goals: GOALS, rows }, null, 2)}\n`,
    );
    console.log('\nwritten to bench/sizing.json');
  } finally {
    await dynamoDb.stop();
  }
}

const cpuScale = (mb: number) => Math.max(1, FULL_CPU_MB / mb);
const durationMs = (cpuMs: number, roundTrips: number, mb: number) => cpuMs * cpuScale(mb) + roundTrips * ROUND_TRIP_MS;
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function cost(duration: number, mb: number, capacity: Capacity) {
  // Lambda bills each invocation's duration rounded up to the millisecond.
  const lambda = PRICE.lambdaPerMillionRequests + (Math.ceil(duration) / 1000) * (mb / 1024) * PRICE.lambdaPerGbSecond * 1e6;
  const dynamoDb = capacity.read * PRICE.dynamoDbPerMillionReadUnits + capacity.write * PRICE.dynamoDbPerMillionWriteUnits;
  return {
    lambda: round(lambda, 2),
    apiGateway: PRICE.httpApiPerMillionRequests,
    dynamoDb: round(dynamoDb, 2),
    total: round(lambda + PRICE.httpApiPerMillionRequests + dynamoDb, 2),
  };
}

function print(
  rows: {
    route: string;
    status?: number;
    cpuMs: number;
    sequentialRoundTrips: number;
    coldInitMsAtMemory: number | null;
    readUnits: number;
    writeUnits: number;
    durationMsByMemory: Record<string, number>;
    memoryMb: number;
    costPerMillion: ReturnType<typeof cost>;
  }[],
) {
  console.log(
    '\n| route | CPU ms/request | sequential round trips | RRU / WRU per request | est. warm ms at 128 / 256 / 512 / 1024 MB | memory (est. cold init ms) | $ per million: Lambda + API GW + DynamoDB = total |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) {
    const d = row.durationMsByMemory;
    const c = row.costPerMillion;
    console.log(
      `| ${row.route} | ${row.cpuMs} | ${row.sequentialRoundTrips} | ${row.readUnits} / ${row.writeUnits} | ${d[128]} / ${d[256]} / ${d[512]} / ${d[1024]} | ${row.memoryMb} (${row.coldInitMsAtMemory ?? '?'}) | ${c.lambda} + ${c.apiGateway} + ${c.dynamoDb} = **${c.total}** |`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

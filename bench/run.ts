/**
 * `npm run bench`: round trips, in-process overhead, cold start and HTTP throughput, printed with
 * their targets and written to bench/results.json. Figures, not assertions: the machine is shared.
 */
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBenchDatabase, useUnreachedRateLimits } from './environment';
import { finished, section } from './progress';

/**
 * Each section's deadline, in seconds (bench/watch.mjs enforces them): about three times what the
 * section takes on this 2-core machine under Node 22 (2026-12-07: 13, 7, 10, 132, 48, 1, 3, 1 and 3 s), so a
 * hang is reported within minutes, with its native stacks. The two shortest get a few seconds more.
 */
const DEADLINES = {
  setup: 45,
  roundTrips: 20,
  overhead: 25,
  coldStart: 260,
  http: 150,
  streamConsumer: 10,
  notifier: 15,
  identity: 20,
  webhooks: 45,
};

async function main() {
  await section(0, 'set-up: DynamoDB Local and the fixtures', DEADLINES.setup);
  const dynamoDb = await startBenchDatabase();
  await useUnreachedRateLimits();
  try {
    const { buildScenarios } = await import('./scenarios');
    const { measureRoundTrips } = await import('./round-trips');
    const { measureOverhead } = await import('./overhead');
    const { measureColdStart } = await import('./cold-start');
    const { measureHttp } = await import('./http');
    const { measureStreamConsumer } = await import('./stream-consumer');
    const { measureNotifier } = await import('./notifier');
    const { measureIdentity } = await import('./identity');
    const { measureWebhooks } = await import('./webhooks');
    const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
    console.log(
      `# invites benchmark — ${new Date().toISOString()} — ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}`,
    );
    const scenarios = await buildScenarios({ invitees: 5000 });
    await section(1, 'DynamoDB round trips', DEADLINES.roundTrips);
    const roundTrips = await measureRoundTrips(scenarios);
    await section(2, 'in-process CPU', DEADLINES.overhead);
    const overhead = await measureOverhead(scenarios);
    await section(3, 'cold start', DEADLINES.coldStart);
    const coldStart = await measureColdStart();
    await section(4, 'HTTP', DEADLINES.http);
    const http = await measureHttp(scenarios, dynamoDb);
    await section(5, 'stream consumer', DEADLINES.streamConsumer);
    const streamConsumer = await measureStreamConsumer();
    await section(6, 'notifier', DEADLINES.notifier);
    const notifierRows = await measureNotifier();
    await section(7, 'outside access tokens', DEADLINES.identity);
    const identity = await measureIdentity();
    await section(8, 'webhook deliverer', DEADLINES.webhooks);
    const webhooks = await measureWebhooks();
    const results = {
      date: new Date().toISOString(),
      machine,
      roundTrips,
      overhead,
      coldStart,
      http,
      streamConsumer,
      notifier: notifierRows,
      identity,
      webhooks,
    };
    writeFileSync(resolve(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('\nwritten to bench/results.json');
    finished();
  } finally {
    await dynamoDb.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

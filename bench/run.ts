/**
 * `npm run bench`: round trips, in-process overhead, cold start and HTTP throughput, printed with
 * their targets and written to bench/results.json. Figures, not assertions: the machine is shared.
 */
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { startBenchDatabase } from './environment';

async function main() {
  const dynamoDb = await startBenchDatabase();
  // Rate limiting on (its counter is part of every request), with limits no benchmark reaches.
  process.env.RATE_LIMIT = 'on';
  const { routes } = await import('../functions/routes');
  process.env.RATE_LIMIT_OVERRIDES = JSON.stringify(Object.fromEntries(routes.map((r) => [r.id, { limit: 1e9 }])));
  try {
    const { buildScenarios } = await import('./scenarios');
    const { measureRoundTrips } = await import('./round-trips');
    const { measureOverhead } = await import('./overhead');
    const { measureColdStart } = await import('./cold-start');
    const { measureHttp } = await import('./http');
    const { measureStreamConsumer } = await import('./stream-consumer');
    const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
    console.log(`# invites benchmark — ${new Date().toISOString()} — ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}`);
    const scenarios = await buildScenarios({ invitees: 5000 });
    const results = {
      date: new Date().toISOString(),
      machine,
      roundTrips: await measureRoundTrips(scenarios),
      overhead: await measureOverhead(scenarios),
      coldStart: await measureColdStart(),
      http: await measureHttp(scenarios, dynamoDb),
      streamConsumer: await measureStreamConsumer(),
    };
    writeFileSync(resolve(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log('\nwritten to bench/results.json');
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

/**
 * Section 4: requests per second and latency of each endpoint through `npm start` (local/start.ts
 * as a child process on this benchmark's DynamoDB Local) under fixed concurrency, next to the raw
 * DynamoDB Local throughput of the same store calls made directly (the bare handlers).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { freePort } from '../test/support/free-port';
import type { Scenario } from './scenarios';
import { printTable, round } from './stats';

const root = resolve(import.meta.dirname, '..');

async function startService(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), RATE_LIMIT: 'off' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((ready, fail) => {
    let output = '';
    child.stdout!.on('data', (data: Buffer) => {
      output += data.toString();
      if (output.includes('Ctrl-C stops everything.')) ready();
    });
    child.once('exit', (code) => fail(new Error(`npm start exited (${code})`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

/** Same concurrency and duration as autocannon, calling the bare handler (store calls only). */
async function rawThroughput(scenario: Scenario, connections: number, seconds: number): Promise<number> {
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < deadline) {
        await scenario.bare(scenario.event());
        done++;
      }
    }),
  );
  return done / seconds;
}

export async function measureHttp(scenarios: Scenario[], options = { connections: 10, seconds: 4 }) {
  const service = await startService();
  const rows = [];
  try {
    for (const scenario of scenarios) {
      const result = await autocannon({
        url: service.url,
        connections: options.connections,
        duration: options.seconds,
        requests: [
          {
            method: scenario.route.method,
            setupRequest: (request) => {
              const next = scenario.request();
              return { ...request, path: next.path, headers: next.headers, body: JSON.stringify(next.body) };
            },
          },
        ],
      });
      const raw = await rawThroughput(scenario, options.connections, options.seconds);
      const ok = result['2xx'];
      rows.push({
        endpoint: scenario.route.id,
        'req/s': round(result.requests.average),
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        '2xx': ok,
        'non-2xx': result.non2xx + result.errors,
        'raw DynamoDB req/s': round(raw),
        'service / raw': round(result.requests.average / raw, 2),
      });
    }
  } finally {
    service.child.kill('SIGTERM');
  }
  console.log(`\n## 4. HTTP through npm start: ${options.connections} connections, ${options.seconds} s per endpoint (autocannon)\n`);
  printTable(rows);
  console.log('raw = the same store calls made directly against the same DynamoDB Local, same concurrency.');
  return rows;
}

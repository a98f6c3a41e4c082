/**
 * Section 4: each endpoint over HTTP through `npm start` (local/start.ts as a child process on
 * this benchmark's DynamoDB Local), under fixed concurrency (autocannon), against a yardstick:
 * DynamoDB Local's own throughput for the very DynamoDB requests the endpoint makes, sent by a
 * minimal HTTP load generator with the same bodies. The service cannot be faster than its
 * database; `service / DynamoDB` says how much of the database's pace it keeps. CPU ms per
 * request are read from /proc for the service process and for DynamoDB Local's JVM.
 */
import { wireBody } from './wire-body';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import autocannon from 'autocannon';
import { dynamoDbClient } from '../functions/store/client';
import { buildContext } from '../local/api-gateway-event';
import type { DynamoDbLocal } from '../local/dynamodb-local';
import { loadHandler } from '../local/handlers';
import { freePort } from '../test/support/free-port';
import type { Scenario } from './scenarios';
import { step } from './progress';
import { printTable, round } from './stats';

const root = resolve(import.meta.dirname, '..');

async function startService(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: root,
    // Rate limiting as in the rest of the benchmark (on, limits no run reaches): its count is real work.
    env: { ...process.env, PORT: String(port) },
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

/** User + system CPU time of a process so far, in ms (Linux /proc; 0 where there is none). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return ticks * 10; // USER_HZ = 100 on Linux
  } catch {
    return 0;
  }
}

interface WireRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * The DynamoDB HTTP requests `count` requests of an endpoint make, as sent (signed; the innermost
 * SDK step), recorded while the endpoint's handler runs in this process.
 */
async function recordWireRequests(scenario: Scenario, count: number): Promise<WireRequest[]> {
  const handler = await loadHandler(scenario.route);
  const recorded: WireRequest[] = [];
  dynamoDbClient.middlewareStack.add(
    (next) => async (args) => {
      const sent = args.request as { path: string; headers: Record<string, string>; body: string | Uint8Array };
      const body = wireBody(sent.body);
      recorded.push({ path: sent.path, headers: { ...sent.headers }, body });
      return next(args);
    },
    { step: 'deserialize', name: 'benchWireRecorder' },
  );
  try {
    for (let i = 0; i < count; i++) await handler(scenario.event(), buildContext(scenario.route));
  } finally {
    dynamoDbClient.middlewareStack.remove('benchWireRecorder');
  }
  return recorded;
}

/** The minimal load generator: `connections` loops, each sending the recorded requests in turn. */
async function replay(endpoint: string, requests: WireRequest[], connections: number, seconds: number): Promise<number> {
  const url = new URL(endpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const send = (wire: WireRequest) =>
    new Promise<void>((done, fail) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, method: 'POST', path: wire.path, headers: wire.headers, agent },
        (res) => {
          res.resume();
          res.once('end', done);
        },
      );
      req.once('error', fail);
      req.end(wire.body);
    });
  const deadline = performance.now() + seconds * 1000;
  let sent = 0;
  await Promise.all(
    Array.from({ length: connections }, async (_, worker) => {
      for (let i = worker; performance.now() < deadline; i++) {
        await send(requests[i % requests.length]!);
        sent++;
      }
    }),
  );
  agent.destroy();
  return sent;
}

export async function measureHttp(scenarios: Scenario[], dynamoDb: DynamoDbLocal, options = { connections: 10, seconds: 4, recorded: 40 }) {
  const service = await startService();
  const rows = [];
  try {
    for (const scenario of scenarios) {
      step(`${scenario.route.id}: recording, the service under load, the yardstick`);
      const wire = await recordWireRequests(scenario, options.recorded);
      const callsPerRequest = wire.length / options.recorded;

      const before = { service: cpuMs(service.child.pid), db: cpuMs(dynamoDb.pid) };
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
      const served = result['2xx'] + result.non2xx;
      const serviceCpu = (cpuMs(service.child.pid) - before.service) / Math.max(1, served);
      const dbCpuUnderService = (cpuMs(dynamoDb.pid) - before.db) / Math.max(1, served);

      const dbBefore = cpuMs(dynamoDb.pid);
      const calls = await replay(dynamoDb.endpoint, wire, options.connections, options.seconds);
      const dbEquivalent = calls / callsPerRequest; // requests' worth of DynamoDB work
      const dbCpuReplay = (cpuMs(dynamoDb.pid) - dbBefore) / Math.max(1, dbEquivalent);

      const serviceRate = result.requests.average;
      const dbRate = dbEquivalent / options.seconds;
      rows.push({
        endpoint: scenario.route.id,
        'calls/req': round(callsPerRequest, 1),
        'service req/s': round(serviceRate),
        'p50 ms': result.latency.p50,
        'p99 ms': result.latency.p99,
        'non-2xx': result.non2xx + result.errors,
        'DynamoDB Local alone req/s': round(dbRate),
        'service / DynamoDB': round(serviceRate / dbRate, 2),
        'service CPU ms/req': round(serviceCpu, 2),
        'DynamoDB CPU ms/req (service run)': round(dbCpuUnderService, 2),
        'DynamoDB CPU ms/req (alone)': round(dbCpuReplay, 2),
      });
    }
  } finally {
    service.child.kill('SIGTERM');
  }
  console.log(`\n## 4. HTTP through npm start: ${options.connections} connections, ${options.seconds} s per endpoint (autocannon)\n`);
  printTable(rows);
  console.log(
    [
      'Yardstick: the DynamoDB requests the endpoint makes (recorded from its handler, signed bodies as sent), replayed',
      `at DynamoDB Local by a minimal keep-alive HTTP load generator, ${options.connections} connections, for as long; "req/s" there is`,
      'calls per second ÷ calls per request. Replayed writes meet their own items again and their conditions fail, which',
      'costs DynamoDB Local less than a real write: for writing endpoints the yardstick is an upper bound. CPU: user +',
      'system time from /proc, divided by the requests served; the service and DynamoDB Local share the same cores.',
    ].join('\n'),
  );
  return rows;
}

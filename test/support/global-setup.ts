/**
 * One local service for the whole test run, started the way `npm start` starts it (a child
 * process running local/start.ts, with its own DynamoDB Local). Tests reach the API over HTTP at
 * API_URL and the same DynamoDB at DYNAMODB_ENDPOINT to build fixtures and check state.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from './free-port';
import { spawnService } from './spawn-service';
import { checkRecordedGrants } from './grants-check';

/**
 * The run's one service, shared by every project that declares this set-up (int, e2e: each project
 * runs its own global set-up, and each loads this module anew, so the state lives on globalThis of
 * the main process). The last project's teardown stops it.
 */
interface SharedService {
  started: Promise<string>;
  users: number;
  child?: ChildProcess;
  /** Everything this run writes: the service's state (running.json, demo values, outbox, token key) and every temporary file. */
  runDir?: string;
}
const shared = globalThis as { invitesTestService?: SharedService };

export async function setup(project: TestProject) {
  if (!shared.invitesTestService) {
    const service: SharedService = { users: 0, started: Promise.resolve('') };
    service.started = startService(service);
    shared.invitesTestService = service;
  }
  shared.invitesTestService.users += 1;
  project.provide('startOutput', await shared.invitesTestService.started);
}

async function startService(run: SharedService): Promise<string> {
  const port = await freePort();
  const dynamoDbPort = await freePort();
  const sesPort = await freePort();
  // The run's own state folder (never the developer's .local/, whose npm start may be running) and
  // its own TMPDIR (cdk.out folders, …), both removed at teardown.
  const runDir = mkdtempSync(resolve(tmpdir(), 'invites-test-'));
  run.runDir = runDir;
  const stateDir = resolve(runDir, 'state');
  const tmp = resolve(runDir, 'tmp');
  mkdirSync(tmp, { recursive: true });
  // The service's events: tests read invitation tokens from here, as an app would from the bus.
  const outbox = resolve(stateDir, 'outbox.jsonl');
  // One token key for the service and the tests' in-process handlers: either may make an
  // invitation, and the service's stream reader makes its link.
  const invitationTokenKey = process.env.INVITATION_TOKEN_KEY || randomBytes(32).toString('base64');
  const env = {
    EVENTS_OUTBOX: outbox,
    EVENTS_OUTBOX_ECHO: '0',
    // Warnings and errors only, no metrics on stdout: the request log lines are tested where needed.
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
    POWERTOOLS_METRICS_DISABLED: 'true',
    ...process.env,
    INVITES_STATE_DIR: stateDir,
    TMPDIR: tmp,
    PORT: String(port),
    DYNAMODB_PORT: String(dynamoDbPort),
    SES_PORT: String(sesPort),
    INVITES_EMAIL: 'on',
    INVITATION_TOKEN_KEY: invitationTokenKey,
    TABLE_NAME: 'invites-test',
    // What each function asks of DynamoDB, checked against its IAM policy at teardown.
    INVITES_RECORD_AWS_CALLS: resolve(runDir, 'aws-calls.jsonl'),
    RATE_LIMIT: process.env.RATE_LIMIT ?? 'off',
    // Webhook endpoints a test registers get the very next event (deployed: within 10 s).
    WEBHOOK_ENDPOINTS_CACHE_MS: '0',
    // The shared service's calls to DynamoDB Local: on these 2 cores, with two test files and the
    // stream reader at work, one 99-action transaction of a 1,000-user invite can pass the 3 s
    // default. Deadlines themselves are tested apart (upstream-faults, faults.stress), on their own clients.
    DYNAMODB_REQUEST_TIMEOUT_MS: process.env.DYNAMODB_REQUEST_TIMEOUT_MS ?? '8000',
  };
  // INVITES_SERVICE=synthesized (npm run test:synthesized): the functions from the synthesized
  // template's bundles, as deployed, instead of from source.
  const started = await spawnService(env, { synthesized: process.env.INVITES_SERVICE === 'synthesized' });
  const service = started.child;
  run.child = service;
  // Workers are forked after this and inherit the environment; the store reads it at import.
  Object.assign(process.env, {
    API_URL: `http://127.0.0.1:${port}`,
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${dynamoDbPort}`,
    TABLE_NAME: 'invites-test',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    SERVICE_PID: String(service.pid),
    INVITES_STATE_DIR: stateDir,
    TMPDIR: tmp,
    // The local SES the service sends invitation e-mails to (its messages: GET $SES_URL/store).
    SES_URL: `http://127.0.0.1:${sesPort}`,
    EVENTS_OUTBOX: outbox,
    INVITATION_TOKEN_KEY: invitationTokenKey,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'WARN',
    POWERTOOLS_METRICS_DISABLED: 'true',
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  });
  return started.output;
}

export async function teardown() {
  const run = shared.invitesTestService;
  if (!run || --run.users > 0) return;
  shared.invitesTestService = undefined;
  const { child: service, runDir } = run;
  if (service && service.exitCode === null) {
    const exited = new Promise((done) => service!.once('exit', done));
    service.kill('SIGTERM');
    await exited;
  }
  try {
    // Every DynamoDB call of the run, by function, against the template's IAM policies. Vitest
    // reports an error thrown here but still exits 0, so the exit code is set as well.
    // (Against the bundles the functions run in workers with their own clients: nothing is recorded there.)
    const synthesized = process.env.INVITES_SERVICE === 'synthesized';
    if (runDir && !synthesized && process.env.INVITES_GRANTS_CHECK !== 'off')
      checkRecordedGrants(resolve(runDir, 'aws-calls.jsonl'), 'invites-test');
  } catch (error) {
    process.exitCode = 1;
    throw error;
  } finally {
    if (runDir) rmSync(runDir, { recursive: true, force: true });
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    startOutput: string;
  }
}

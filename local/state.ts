/**
 * Where the local tools keep their state, and what a running `npm start` tells the others: its
 * ports, table and files, in `<state dir>/running.json` (removed when it stops). The state dir is
 * `.local/` in the repository, or INVITES_STATE_DIR (`npm test` uses a folder of its own, so a
 * test run never touches a developer's running `npm start`). The admin CLI and `npm run invoke`
 * find the running service here and never guess a port.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const stateDir = (env: NodeJS.ProcessEnv = process.env) =>
  resolve(env.INVITES_STATE_DIR || resolve(import.meta.dirname, '../.local'));
export const statePath = (name: string, env: NodeJS.ProcessEnv = process.env) => resolve(stateDir(env), name);

export interface RunningService {
  pid: number;
  apiUrl: string;
  dynamoDbEndpoint: string;
  tableName: string;
  /** The local SES's URL, when e-mail is on. */
  sesUrl?: string;
  outbox: string;
  /** The local retry queue of webhook deliveries (a stand-in speaking SQS: local/webhook-queue.ts). */
  webhookQueueUrl?: string;
  startedAt: string;
}

const runningFile = () => statePath('running.json');

export function writeRunningState(state: RunningService): void {
  mkdirSync(stateDir(), { recursive: true });
  writeFileSync(runningFile(), `${JSON.stringify(state, null, 2)}\n`);
}

/** Removes the running state if it is this process's. */
export function clearRunningState(pid = process.pid): void {
  const state = readState();
  if (state?.pid === pid) rmSync(runningFile(), { force: true });
}

function readState(): RunningService | undefined {
  if (!existsSync(runningFile())) return undefined;
  try {
    return JSON.parse(readFileSync(runningFile(), 'utf8')) as RunningService;
  } catch {
    return undefined;
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The `npm start` that is running now, if any (a state file left by one that died is ignored). */
export function findRunningService(): RunningService | undefined {
  const state = readState();
  return state && alive(state.pid) ? state : undefined;
}

export class NoRunningService extends Error {}

/** The running `npm start`, or an error that says what to do. */
export function requireRunningService(tool: string): RunningService {
  const state = findRunningService();
  if (state) return state;
  throw new NoRunningService(
    `${tool}: no running \`npm start\` found (${runningFile()}). Start it in another terminal, ` +
      'or set DYNAMODB_ENDPOINT (and TABLE_NAME) to a DynamoDB you run, or pass --table <name> for a deployed table.',
  );
}

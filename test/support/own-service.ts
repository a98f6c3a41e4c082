/**
 * A fresh `npm start` of a test's own (its own ports, state folder and in-memory DynamoDB Local),
 * for tests that consume the demo fixtures and so cannot share the run's service.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { freePort } from './free-port';
import { spawnService } from './spawn-service';

export interface OwnService {
  url: string;
  stateDir: string;
  output: string;
  stop(): Promise<void>;
}

/** `synthesized`: the functions from the synthesized template's bundles (`npm start -- --synthesized`). */
/** `env`: settings of the service's own (e.g. RC_INVITE_TOKENS). */
export async function startOwnService(
  options: { email?: boolean; synthesized?: boolean; env?: Record<string, string> } = {},
): Promise<OwnService> {
  const [port, dynamoDbPort, sesPort] = [await freePort(), await freePort(), await freePort()];
  const stateDir = mkdtempSync(resolve(tmpdir(), 'invites-own-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DYNAMODB_PORT: String(dynamoDbPort),
    SES_PORT: String(sesPort),
    INVITES_STATE_DIR: stateDir,
    INVITES_EMAIL: options.email ? 'on' : 'off',
    EVENTS_OUTBOX: resolve(stateDir, 'outbox.jsonl'),
    TABLE_NAME: 'invites',
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    ...options.env,
  };
  delete env.DYNAMODB_ENDPOINT;
  const { child, output } = await spawnService(env, { synthesized: options.synthesized });
  return {
    url: `http://127.0.0.1:${port}`,
    stateDir,
    output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

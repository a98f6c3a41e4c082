/**
 * Issue 27: on Node 20, exporting a generated Ed25519 key as JWK deadlocked the process under
 * garbage collection after some thousands of Berty groups (stopped for good at ~9,000 groups in
 * the ten-line reproduction). 50,000 groups' secrets are made through the production function in a
 * child process; each is checked as a joiner checks it. A child that prints no progress for
 * STALL_SECONDS is a deadlock: the test fails with the child's native stacks (the frame it waits in).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { nativeStacks } from '../../bench/native-stacks.mjs';

const root = resolve(import.meta.dirname, '../..');
/** A thousand groups take about a second on this 2-core machine; thirty seconds without one is a hang. */
const STALL_SECONDS = 30;

interface Run {
  made: number;
  finished: boolean;
  stalled?: string;
  invalid?: string;
}

function makeGroups(count: number, options: { every?: number; stallSeconds?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/stress/support/make-group-secrets.ts', String(count), String(options.every ?? 1000)],
    {
      cwd: root,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const run: Run = { made: 0, finished: false };
  let lastProgress = Date.now();
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      const [kind, n, reason] = line.split(' ');
      if (kind === 'progress') [run.made, lastProgress] = [Number(n), Date.now()];
      if (kind === 'done') [run.made, run.finished] = [Number(n), true];
      if (kind === 'invalid') run.invalid = `group ${n}: ${reason}`;
    }
  });
  const stallMs = (options.stallSeconds ?? STALL_SECONDS) * 1000;
  const watch = setInterval(() => {
    if (Date.now() - lastProgress < stallMs) return;
    clearInterval(watch);
    run.stalled =
      `deadlock: the child made no progress for ${stallMs / 1000} s after ${run.made} groups ` +
      `(Node ${process.version}); where its threads wait:\n${nativeStacks(child.pid!)}`;
    child.kill('SIGKILL');
  }, 100);
  return new Promise((done) =>
    child.once('exit', () => {
      clearInterval(watch);
      done(run);
    }),
  );
}

test('50,000 Berty groups: every one valid, and the process never stops making progress', async () => {
  const run = await makeGroups(50_000);
  // On a hang, the message carries the native stacks (e.g. ExportJWKEdKey → ~KeyGenJob → uv_mutex_lock).
  expect(run.stalled, run.stalled).toBeUndefined();
  expect(run.invalid).toBeUndefined();
  expect(run).toMatchObject({ made: 50_000, finished: true });
}, 600_000);

test('the watchdog names a stalled child and where its main thread waits', async () => {
  const run = await makeGroups(1_000, { every: 10, stallSeconds: 2, env: { STALL_AFTER: '100' } });
  expect(run.finished).toBe(false);
  expect(run.made).toBe(100);
  expect(run.stalled).toMatch(/^deadlock: the child made no progress for 2 s after 100 groups/);
  expect(run.stalled).toMatch(/main node: state S, waiting in futex/);
  // gdb is on these machines: its backtrace shows the frame the main thread sleeps in.
  expect(run.stalled).toMatch(/native stacks \(gdb[\s\S]*#\d+ .*(futex|Atomics|lll_lock)/);
}, 120_000);

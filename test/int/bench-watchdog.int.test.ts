/**
 * The benchmark's watchdog (bench/watch.mjs): a section that outlives its deadline — here the
 * set-up, made to wait on a stub that never answers — fails the run with the section and the step
 * it was waiting on, and the benchmark's process is stopped.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

test('a forced hang fails its section within the deadline, naming what it waited on', async () => {
  const run = spawn(process.execPath, ['bench/watch.mjs'], {
    cwd: root,
    // Set-up's 45 s deadline × 0.05 ≈ 2 s.
    env: { ...process.env, BENCH_FORCE_HANG: '0', BENCH_DEADLINE_SCALE: '0.05' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  run.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((done) => run.once('exit', done));
  expect(code).toBe(1);
  expect(stderr).toContain(
    'bench: section 0 (set-up: DynamoDB Local and the fixtures) did not finish within its deadline; it was waiting on: waiting on a stub that never answers (BENCH_FORCE_HANG)',
  );
  // What each of the benchmark's threads was doing when it was stopped (the main thread first).
  expect(stderr).toMatch(/bench: the benchmark's threads when it was stopped:\nthreads:\n {2}main node: state [A-Z], waiting in \S+/);
  // And their native stacks (gdb is on these machines), so a hang names its frame.
  expect(stderr).toMatch(/native stacks \(gdb, thread apply all bt\):\nThread \d+ [\s\S]*#0 /);
  // Without the watchdog the run would never end: the test's own timeout would fail it.
}, 40_000);

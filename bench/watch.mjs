#!/usr/bin/env node
/**
 * `npm run bench`: builds the benchmark (bench/run.ts) into one bundle and runs it with plain node
 * in a child process, giving each of its sections a deadline. The child says which section and
 * step it is in (bench/progress.ts); when a section outlives its deadline the watchdog prints the
 * section, the step it was waiting on, what each of the child's threads was doing (from /proc)
 * and the native stacks of each of the child's threads (bench/native-stacks.mjs: gdb, else /proc),
 * stops the child and everything it started (its process group: DynamoDB Local too) and exits 1.
 * A watchdog in another process is needed: the hang seen in section 2 blocked the benchmark's main
 * thread itself (a futex wait, while tsx's module-hooks thread idled), where no timer of its own
 * could fire. BENCH_DEADLINE_SCALE multiplies every deadline (tests use a small one).
 */
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBench } from './build.mjs';
import { nativeStacks } from './native-stacks.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const scale = Number(process.env.BENCH_DEADLINE_SCALE ?? 1);

// Plain node on a bundle: no TypeScript loader, so no module-hooks thread to wait on (bench/build.mjs).
const bundle = await buildBench();
const child = spawn(process.execPath, [bundle], {
  cwd: root,
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
  // Its own process group, so that a stop reaches DynamoDB Local and the service it started.
  detached: true,
});

let current = { number: -1, title: 'start', step: 'starting', started: Date.now(), deadline: Infinity };
let done = false;
/** How long each section took, printed at the end (the figures the deadlines are set from). */
const durations = [];
const startedAt = Date.now();
const closeSection = () => {
  if (current.number >= 0) durations.push(`${current.number} ${Math.round((Date.now() - current.started) / 1000)} s`);
};

child.on('message', (message) => {
  if (message.kind === 'section') {
    closeSection();
    const started = Date.now();
    current = {
      number: message.number,
      title: message.title,
      step: 'starting',
      started,
      deadline: started + message.deadlineSeconds * 1000 * scale,
    };
  } else if (message.kind === 'step') {
    current.step = message.what;
  } else if (message.kind === 'done') {
    closeSection();
    done = true;
    console.log(`\nbench: sections took ${durations.join(', ')}; ${Math.round((Date.now() - startedAt) / 1000)} s in all`);
  }
});

const timer = setInterval(() => {
  if (Date.now() <= current.deadline) return;
  clearInterval(timer);
  console.error(
    `\nbench: section ${current.number} (${current.title}) did not finish within its deadline; ` +
      `it was waiting on: ${current.step}. Stopping the benchmark.`,
  );
  // Where each of its threads waits, so the next hang names its frame (gdb when installed).
  console.error(`bench: the benchmark's threads when it was stopped:\n${nativeStacks(child.pid)}`);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
  process.exitCode = 1;
}, 250);

child.on('exit', (code, signal) => {
  clearInterval(timer);
  if (process.exitCode === 1) return;
  // A benchmark that stops before its end (a promise left pending with nothing to wait on) failed too.
  if (!done && code === 0) {
    console.error(
      `\nbench: the benchmark stopped in section ${current.number} (${current.title}) without finishing; last step: ${current.step}.`,
    );
    process.exitCode = 1;
    return;
  }
  process.exitCode = code ?? (signal ? 1 : 0);
});

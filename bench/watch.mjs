#!/usr/bin/env node
/**
 * `npm run bench`: builds the benchmark (bench/run.ts) into one bundle and runs it with plain node
 * in a child process, giving each of its sections a deadline. The child says which section and
 * step it is in (bench/progress.ts); when a section outlives its deadline the watchdog prints the
 * section, the step it was waiting on and what each of the child's threads was doing (from /proc),
 * stops the child and everything it started (its process group: DynamoDB Local too) and exits 1.
 * A watchdog in another process is needed: the hang seen in section 2 blocked the benchmark's main
 * thread itself (a futex wait, while tsx's module-hooks thread idled), where no timer of its own
 * could fire. BENCH_DEADLINE_SCALE multiplies every deadline (tests use a small one).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBench } from './build.mjs';

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

/** Each thread of a process: its name, scheduler state and the kernel function it sleeps in. */
function threadStates(pid) {
  try {
    const tasks = readdirSync(`/proc/${pid}/task`);
    const lines = tasks.map((tid) => {
      const read = (file) => readFileSync(`/proc/${pid}/task/${tid}/${file}`, 'utf8').trim();
      const state = read('stat').replace(/^.*\) /, '').split(' ')[0];
      return `  ${tid === String(pid) ? 'main' : tid} ${read('comm')}: state ${state}, waiting in ${read('wchan') || '-'}`;
    });
    return `bench: the benchmark's threads when it was stopped:\n${lines.join('\n')}`;
  } catch (error) {
    return `bench: its threads could not be read (${error.message})`;
  }
}

let current = { number: -1, title: 'start', step: 'starting', deadline: Infinity };
let done = false;

child.on('message', (message) => {
  if (message.kind === 'section') {
    current = { number: message.number, title: message.title, step: 'starting', deadline: Date.now() + message.deadlineSeconds * 1000 * scale };
  } else if (message.kind === 'step') {
    current.step = message.what;
  } else if (message.kind === 'done') {
    done = true;
  }
});

const timer = setInterval(() => {
  if (Date.now() <= current.deadline) return;
  clearInterval(timer);
  console.error(
    `\nbench: section ${current.number} (${current.title}) did not finish within its deadline; ` +
      `it was waiting on: ${current.step}. Stopping the benchmark.`,
  );
  console.error(threadStates(child.pid));
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
    console.error(`\nbench: the benchmark stopped in section ${current.number} (${current.title}) without finishing; last step: ${current.step}.`);
    process.exitCode = 1;
    return;
  }
  process.exitCode = code ?? (signal ? 1 : 0);
});

/**
 * The native stacks of a process that stopped making progress, so a hang names its frame: every
 * thread's backtrace from gdb when it is installed (`thread apply all bt`), else each thread's
 * kernel stack (`/proc/<pid>/task/<tid>/stack`, root only) or at least the kernel function it
 * sleeps in (`wchan`). Used by the bench's watchdog and the deadlock regression test.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const read = (path) => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
};

/** Each thread: its name, scheduler state and the kernel function it sleeps in (from /proc). */
export function threadStates(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`).map((tid) => {
      const state = read(`/proc/${pid}/task/${tid}/stat`)
        .replace(/^.*\) /, '')
        .split(' ')[0];
      const name = read(`/proc/${pid}/task/${tid}/comm`);
      return `  ${tid === String(pid) ? 'main' : tid} ${name}: state ${state}, waiting in ${read(`/proc/${pid}/task/${tid}/wchan`) || '-'}`;
    });
  } catch (error) {
    return [`  its threads could not be read (${error.message})`];
  }
}

/** gdb's backtrace of every thread, or undefined when gdb is missing or cannot attach. */
function gdbBacktraces(pid) {
  const result = spawnSync('gdb', ['-p', String(pid), '-batch', '-nx', '-ex', 'thread apply all bt 30'], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error || !/^#\d/m.test(result.stdout ?? '')) return undefined;
  // Only the threads and their frames: gdb's banner and symbol-loading chatter are noise here.
  return result.stdout
    .split('\n')
    .filter((line) => /^(Thread |#\d)/.test(line))
    .join('\n');
}

function kernelStacks(pid) {
  try {
    const stacks = readdirSync(`/proc/${pid}/task`).map((tid) => ({ tid, stack: read(`/proc/${pid}/task/${tid}/stack`) }));
    if (stacks.every(({ stack }) => !stack)) return undefined;
    return stacks.map(({ tid, stack }) => `thread ${tid}:\n${stack}`).join('\n');
  } catch {
    return undefined;
  }
}

/** A report of where every thread of `pid` is: the thread states, then native or kernel stacks. */
export function nativeStacks(pid) {
  const states = `threads:\n${threadStates(pid).join('\n')}`;
  const gdb = gdbBacktraces(pid);
  if (gdb) return `${states}\nnative stacks (gdb, thread apply all bt):\n${gdb}`;
  const kernel = kernelStacks(pid);
  if (kernel) return `${states}\nkernel stacks (/proc/${pid}/task/*/stack; gdb not available):\n${kernel}`;
  return `${states}\n(no native stacks: gdb is not installed and /proc/${pid}/task/*/stack is not readable)`;
}

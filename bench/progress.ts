/**
 * Where the benchmark is, told to its watchdog (bench/watch.mjs, the parent process) over IPC:
 * the section with its deadline, then each step inside it. Without a watchdog, nothing is sent.
 * BENCH_FORCE_HANG=<section number> makes that section wait on something that never answers, so
 * the watchdog's refusal can be seen (and tested).
 */
export function section(number: number, title: string, deadlineSeconds: number): Promise<void> {
  process.send?.({ kind: 'section', number, title, deadlineSeconds });
  // The forced hang: a step that never ends, as a stub that never answers would.
  if (process.env.BENCH_FORCE_HANG === String(number)) {
    step('waiting on a stub that never answers (BENCH_FORCE_HANG)');
    // An open handle, as DynamoDB Local's process and sockets are in a real hang: the process stays.
    setInterval(() => undefined, 60_000);
    return new Promise(() => undefined);
  }
  return Promise.resolve();
}

/** The benchmark finished (results written). */
export function finished(): void {
  process.send?.({ kind: 'done' });
}

export function step(what: string): void {
  process.send?.({ kind: 'step', what });
}

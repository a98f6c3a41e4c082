/**
 * `npm start` as a child process, resolved once it is serving (it prints "Ctrl-C stops
 * everything."), with everything it printed so far; rejected with that output when it exits first
 * or does not start in time. Used by the run's shared service and by tests that need their own.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export async function spawnService(
  env: NodeJS.ProcessEnv,
  options: { synthesized?: boolean } = {},
): Promise<{ child: ChildProcess; output: string }> {
  const args = ['--import', 'tsx', 'local/start.ts', ...(options.synthesized ? ['--synthesized'] : [])];
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Synthesizing a stale cdk.out first takes about 30 s more.
  const startLimit = options.synthesized ? 180_000 : 60_000;
  let output = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`npm start did not start in ${startLimit / 1000} s:\n${output}`)), startLimit);
    child.stdout!.on('data', (data: Buffer) => {
      output += data.toString();
      if (output.includes('Ctrl-C stops everything.')) {
        clearTimeout(timer);
        ready();
      }
    });
    child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`npm start exited (${code}):\n${output}`));
    });
  });
  return { child, output };
}

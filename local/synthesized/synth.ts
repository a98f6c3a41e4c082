/**
 * The synthesized template and bundles, fresh: `npx cdk synth` runs when the template is missing
 * or older than any source it is made from (functions/, infra/, the lockfile, cdk.json).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const SOURCES = ['functions', 'infra', 'package-lock.json', 'cdk.json'];

function newestSource(): number {
  let newest = 0;
  for (const source of SOURCES) {
    const path = resolve(root, source);
    const files = statSync(path).isDirectory()
      ? readdirSync(path, { recursive: true, encoding: 'utf8' }).map((f) => resolve(path, f))
      : [path];
    for (const file of files) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

export function isFresh(templateFile: string): boolean {
  return existsSync(templateFile) && statSync(templateFile).mtimeMs >= newestSource();
}

/** One synthesis at a time into a cdk.out (two test files may ask at once): a lock folder beside it. */
function withLock<T>(cdkOut: string, work: () => T): T {
  const lock = `${cdkOut}.lock`;
  const waitUntil = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > waitUntil) throw new Error(`${lock} held for 5 minutes: remove it if no synthesis is running`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Synthesizes into `cdkOut` unless its template is fresh and `suits` it (e.g. holds the notifier,
 * which only `-c senderEmail=…` deploys); returns whether it ran.
 */
export function ensureSynthesized(
  cdkOut: string,
  stackName: string,
  context: Record<string, string> = {},
  suits: (template: string) => boolean = () => true,
): boolean {
  return withLock(cdkOut, () => synthesizeUnlessFresh(cdkOut, stackName, context, suits));
}

function synthesizeUnlessFresh(
  cdkOut: string,
  stackName: string,
  context: Record<string, string>,
  suits: (template: string) => boolean,
): boolean {
  const templateFile = resolve(cdkOut, `${stackName}.template.json`);
  if (isFresh(templateFile) && suits(readFileSync(templateFile, 'utf8'))) return false;
  console.log(`Synthesizing the stack into ${cdkOut} (npx cdk synth; the bundles are built with the local esbuild) …`);
  const args = [
    'cdk',
    'synth',
    '--quiet',
    '--output',
    cdkOut,
    ...Object.entries(context).flatMap(([key, value]) => ['--context', `${key}=${value}`]),
  ];
  // Its bundling lines only matter when it fails.
  const result = spawnSync('npx', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`npx cdk synth failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  return true;
}

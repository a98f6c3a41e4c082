/**
 * Every shell example of the README and docs/ runs as printed against a fresh `npm start`, in
 * file order and in reverse (each order on its own service): the examples `source
 * .local/demo.env` and use only what npm start wrote there. Each block runs with `set -eo
 * pipefail` and curl failing on a 4xx/5xx (a wrapper, the examples' text is not touched), in a
 * folder that is the repository but for `.local`, which is the service's state folder. Blocks that
 * cannot run here (deploys, `npm ci`/`npm start`/`npm test` themselves, a deployed `--table`) are
 * left out by what they say.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { docPages } from '../support/doc-pages';
import { startOwnService, type OwnService } from '../support/own-service';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

const NOT_RUNNABLE_HERE = /\bcdk (deploy|destroy|bootstrap|synth)\b|\bsam local\b|^npm (ci|start|test)\b|--table\b/m;

const documents = docPages();

function shellBlocks(): { where: string; code: string }[] {
  return documents.flatMap((document) => {
    const text = readFileSync(resolve(root, document), 'utf8');
    return [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => ({
      where: `${document}:${text.slice(0, match.index).split('\n').length}`,
      code: match[1]!,
    }));
  });
}

/** The repository, seen from a folder whose `.local` is the service's state folder. */
function workspaceFor(service: OwnService): string {
  const folder = mkdtempSync(resolve(tmpdir(), 'invites-readme-'));
  for (const entry of readdirSync(root)) if (entry !== '.local') symlinkSync(resolve(root, entry), resolve(folder, entry));
  symlinkSync(service.stateDir, resolve(folder, '.local'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  return folder;
}

const PRELUDE = `set -eo pipefail\ncurl() { command curl --fail-with-body "$@"; }\n`;

describe('README and docs/ examples', () => {
  const blocks = shellBlocks();
  const runnable = blocks.filter((block) => !NOT_RUNNABLE_HERE.test(block.code));

  test('the examples are there, and the ones left out are the deploys and npm itself', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(9);
    expect(blocks.filter((block) => NOT_RUNNABLE_HERE.test(block.code)).length).toBeLessThanOrEqual(6);
  });

  test.each(['file order', 'reverse order'])(
    'every example succeeds as printed, in %s',
    async (order) => {
      const service = await startOwnService({ email: true });
      cleanups.push(() => service.stop());
      const cwd = workspaceFor(service);
      const env: NodeJS.ProcessEnv = { ...process.env, INVITES_STATE_DIR: service.stateDir };
      delete env.DYNAMODB_ENDPOINT;
      delete env.TABLE_NAME;
      const ordered = order === 'reverse order' ? [...runnable].reverse() : runnable;
      const failures: string[] = [];
      for (const block of ordered) {
        try {
          // 120 s a block: a block of a dozen admin commands took over 60 s when two suites shared the 2 cores.
          await run('bash', ['-c', PRELUDE + block.code], { cwd, env, timeout: 120_000 });
        } catch (error) {
          const e = error as { code?: number; stdout?: string; stderr?: string };
          failures.push(`${block.where} (exit ${e.code}): ${(e.stderr || e.stdout || '').slice(-600)}`);
        }
      }
      expect(failures).toEqual([]);
    },
    400_000,
  );
});

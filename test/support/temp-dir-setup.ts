/**
 * Global set-up of every test project: the run's own TMPDIR (CDK's synthesis folders, bundles, …),
 * removed at teardown, so a run leaves /tmp as it found it even when no service is started (the
 * unit and infra layers). Each project runs its own global set-up and loads this module anew: the
 * folder lives on the main process's globalThis, and the last teardown removes it. Workers are
 * forked after the set-ups and inherit TMPDIR.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';

const shared = globalThis as { invitesTestTempDir?: { path: string; users: number; previous: string | undefined } };

export function setup() {
  if (!shared.invitesTestTempDir) {
    const previous = process.env.TMPDIR;
    shared.invitesTestTempDir = { path: mkdtempSync(resolve(tmpdir(), 'invites-tmp-')), users: 0, previous };
    process.env.TMPDIR = shared.invitesTestTempDir.path;
  }
  shared.invitesTestTempDir.users += 1;
}

export function teardown() {
  const temp = shared.invitesTestTempDir;
  if (!temp || --temp.users > 0) return;
  shared.invitesTestTempDir = undefined;
  if (temp.previous === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = temp.previous;
  rmSync(temp.path, { recursive: true, force: true });
}

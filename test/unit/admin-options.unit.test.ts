/**
 * The admin CLI parses every command file's options with one parser (admin/cli.ts): an option two
 * files both define must mean the same to both (a `--type` list in one file once broke another's
 * `--type c`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import type { AdminCommandSet, AdminOption } from '../../admin/command';
import { registeredDialects } from '../../functions/registry';

test('no option is defined two ways across the command files', async () => {
  const files = [
    resolve(import.meta.dirname, '../../admin/commands.ts'),
    ...registeredDialects()
      .map(({ dialect }) => resolve(import.meta.dirname, '../../functions/dialects', dialect.name, 'admin.ts'))
      .filter(existsSync),
  ];
  expect(files.length).toBeGreaterThanOrEqual(4);
  const seen = new Map<string, { file: string; option: AdminOption }>();
  for (const file of files) {
    const { admin } = (await import(pathToFileURL(file).href)) as { admin: AdminCommandSet };
    for (const [name, option] of Object.entries(admin.options)) {
      const earlier = seen.get(name);
      if (earlier) expect(option, `--${name} in ${file} and ${earlier.file}`).toEqual(earlier.option);
      else seen.set(name, { file, option });
    }
  }
  expect(seen.has('event-type')).toBe(true);
});

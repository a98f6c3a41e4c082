/**
 * `npm run --silent admin -- <command>`: one JSON object on stdout (exit 0) or a message on
 * stderr (exit 1). The running `npm start`'s table by default (found from its state file), or
 * DYNAMODB_ENDPOINT + TABLE_NAME; `--table <name>` uses a deployed table with the ambient AWS
 * credentials (region from AWS_REGION or the profile). The commands are the core's (commands.ts)
 * and each registered dialect's (functions/dialects/<name>/admin.ts).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { useRunningDynamoDb } from '../local/environment';
import type { AdminCommandSet, AdminOption, AdminValues } from './command';

/** The core's commands, then each registered dialect's, in registration order. */
async function commandSets(): Promise<AdminCommandSet[]> {
  const { admin } = await import('./commands');
  const { registeredDialects } = await import('../functions/registry');
  const sets = [admin];
  for (const { dialect } of registeredDialects()) {
    const file = resolve(import.meta.dirname, '../functions/dialects', dialect.name, 'admin.ts');
    if (existsSync(file)) sets.push(((await import(pathToFileURL(file).href)) as { admin: AdminCommandSet }).admin);
  }
  return sets;
}

const usageOf = (sets: AdminCommandSet[]) =>
  [
    'usage: npm run --silent admin -- <command> [--table <name>]',
    ...sets.flatMap((set) => set.commands.map((command) => `  ${command.words}${command.usage ? ` ${command.usage}` : ''}`)),
  ].join('\n');

async function main(): Promise<unknown> {
  // First only what says where to look: the commands load the store, which reads it at import.
  const where = parseArgs({
    options: { table: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: false,
    allowPositionals: true,
  });
  const table = where.values.table;
  if (typeof table === 'string') {
    process.env.TABLE_NAME = table;
    delete process.env.DYNAMODB_ENDPOINT;
  } else if (!where.values.help && where.positionals.length > 0) {
    useRunningDynamoDb('admin');
  }
  const sets = await commandSets();
  const usage = usageOf(sets);
  if (where.values.help || where.positionals.length === 0) throw new Error(usage);
  const options: Record<string, AdminOption & { short?: string }> = { table: { type: 'string' }, help: { type: 'boolean', short: 'h' } };
  for (const set of sets) Object.assign(options, set.options);
  const { values, positionals } = parseArgs({ options, allowPositionals: true });
  const [noun, verb, argument] = positionals;
  const command = sets.flatMap((set) => set.commands).find((candidate) => candidate.words === `${noun} ${verb}`);
  if (!command) throw new Error(`unknown command "${positionals.join(' ')}"\n${usage}`);
  return command.run(values as AdminValues, argument);
}

main().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  },
  (error: unknown) => {
    const e = error as { name?: string; message?: string; code?: string };
    const message =
      e.code === 'ECONNREFUSED' || e.name === 'ECONNREFUSED'
        ? `cannot reach DynamoDB at ${process.env.DYNAMODB_ENDPOINT}: is \`npm start\` running?`
        : (e.message ?? String(error));
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  },
);

/**
 * The arrows of functions/: handlers → chain (the middleware chain's assembly, the route a
 * function serves) → middleware → http (shared vocabulary) and dialects → domain → store → lib,
 * the model importing nothing, no import cycle, no `as unknown as`. Read from the import
 * statements of the sources.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../../functions');
const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));

/** `./dialects` → `dialects/index.ts`, `./routes` → `routes/index.ts`, `./model` → `model.ts`. */
const resolveModule = (path: string) => (existsSync(resolve(root, `${path}.ts`)) ? `${path}.ts` : `${path}/index.ts`);

/** Runtime imports (type-only imports are erased and point nowhere at run time, but count for layering). */
function importsOf(file: string): { target: string; typeOnly: boolean }[] {
  const source = readFileSync(resolve(root, file), 'utf8');
  return [...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'(\.[^']+)'/gms)].map((match) => ({
    target: resolveModule(relative(root, resolve(dirname(resolve(root, file)), match[2]!))),
    typeOnly: Boolean(match[1]),
  }));
}

const layer = (file: string) => file.split('/')[0]!.replace(/\.ts$/, '');
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('functions/ layering', () => {
  test('the import reader sees the edges (so the checks below can fail)', () => {
    expect(graph.get('handlers/rocketchat/channels-invite.ts')?.map((i) => i.target)).toEqual([
      'dialects/rocketchat.ts',
      'domain/rocketchat/channels-invite.ts',
      'chain/api-handler.ts',
      'routes/rocketchat.ts',
    ]);
    expect(graph.get('routes/route.ts')).toEqual([
      { target: 'dialects/index.ts', typeOnly: true },
      { target: 'dialects/dialect.ts', typeOnly: true },
      { target: 'http/types.ts', typeOnly: true },
    ]);
  });

  test('the model and errors import nothing of the service', () => {
    expect(graph.get('model.ts')).toEqual([]);
    expect(graph.get('errors.ts')).toEqual([]);
  });

  test.each([
    ['store', ['handlers', 'chain', 'middleware', 'http', 'dialects', 'domain', 'events', 'routes']],
    ['events', ['handlers', 'chain', 'middleware', 'http', 'dialects', 'domain', 'store', 'routes']],
    ['domain', ['handlers', 'chain', 'middleware', 'http', 'dialects', 'routes']],
    ['lib', ['handlers', 'chain', 'middleware', 'http', 'dialects', 'domain', 'store', 'events', 'observability', 'secrets', 'routes']],
    ['observability', ['handlers', 'chain', 'middleware', 'http', 'dialects', 'domain', 'store', 'events', 'routes']],
    ['secrets', ['handlers', 'chain', 'middleware', 'http', 'dialects', 'domain', 'store', 'events', 'routes']],
    ['middleware', ['handlers', 'chain', 'routes']],
    // The shared HTTP vocabulary (types, responses, error classification) sits below the middleware.
    ['http', ['handlers', 'chain', 'middleware', 'dialects', 'domain', 'store', 'routes']],
    ['dialects', ['handlers', 'chain', 'middleware', 'routes']],
  ])('%s imports none of %o', (from, forbidden) => {
    for (const [file, imports] of graph) {
      if (layer(file) !== from) continue;
      for (const { target } of imports) expect(forbidden, `${file} → ${target}`).not.toContain(layer(target));
    }
  });

  test('a handler imports its own contract (routes/<dialect>.ts), never the table; nothing below the handlers imports a route at run time', () => {
    for (const [file, imports] of graph) {
      if (layer(file) === 'routes') continue;
      for (const { target, typeOnly } of imports) {
        if (typeOnly || layer(target) !== 'routes') continue;
        expect(layer(file), `${file} → ${target}`).toBe('handlers');
        expect(target, file).toBe(`routes/${file.split('/')[1]}.ts`);
      }
    }
  });

  test('the route table loads no store module (the stack, the docs and tests read it before pointing the store anywhere)', () => {
    const reached = new Set<string>();
    const visit = (file: string) => {
      if (reached.has(file)) return;
      reached.add(file);
      for (const { target, typeOnly } of graph.get(file) ?? []) if (!typeOnly) visit(target);
    };
    visit('routes/index.ts');
    expect(reached.size).toBeGreaterThan(20);
    expect([...reached].filter((file) => layer(file) === 'store')).toEqual([]);
  });

  test('handler schemas know nothing of middleware', () => {
    for (const [file, imports] of graph) {
      if (!file.startsWith('handlers/') || file.endsWith('/handler.ts')) continue;
      if (!/schema|proto-json/.test(file)) continue;
      for (const { target } of imports) expect(layer(target), `${file} → ${target}`).not.toBe('middleware');
    }
  });

  test('no import cycle', () => {
    const state = new Map<string, 'visiting' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'visiting');
      for (const { target } of graph.get(file) ?? []) if (graph.has(target)) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });

  test('the stream decoder asks the entities: no key of its own in store/table-changes.ts', () => {
    const decoder = readFileSync(resolve(root, 'store/table-changes.ts'), 'utf8');
    // A key literal (`'ROOM#'`, `"NOTE#"`) or a key builder would mean it reads keys itself.
    expect(decoder).not.toMatch(/['"`][A-Z]+#/);
    expect(decoder).not.toMatch(/from '\.\/keys'/);
    // Each entity that makes events says whether an item is its own (entities/*.ts, `<entity>Change`).
    const recognizers = [...decoder.matchAll(/import \{ (\w+Change) \} from '\.\/entities\//g)].map((m) => m[1]);
    expect(recognizers.sort()).toEqual([
      'bertyMemberChange',
      'eventNoteChange',
      'groupMemberChange',
      'invitationChange',
      'inviteLinkChange',
      'roomMemberChange',
    ]);
  });

  test('domain ports are declared: no store operation typed from its implementation (`typeof`)', () => {
    const domain = files.filter((file) => layer(file) === 'domain');
    expect(domain.length).toBeGreaterThan(10);
    for (const file of domain) {
      const source = readFileSync(resolve(root, file), 'utf8');
      expect(source, file).not.toMatch(/:\s*typeof\s+\w+(\.\w+)?;|(Parameters|ReturnType)<typeof/);
    }
  });

  test('no `as unknown as` casts', () => {
    for (const file of files) expect(readFileSync(resolve(root, file), 'utf8'), file).not.toContain('as unknown as');
  });
});

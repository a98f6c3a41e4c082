/**
 * The arrows of functions/: handlers → chain (the middleware chain's assembly, the route a
 * function serves) → middleware → http (shared vocabulary) and dialects → domain → store → lib,
 * the model importing nothing, no import cycle, no `as unknown as`. Read from the import
 * statements of the sources.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { registeredDialects } from '../../functions/registry';

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

/** The dialect whose folder holds a file (`dialects/<name>/…`), if any. */
const dialectOf = (file: string) => /^dialects\/([^/]+)\//.exec(file)?.[1];

/**
 * A file's layer: its top folder, or inside a dialect's folder the same layers again
 * (`dialects/<name>/handlers/…` is a handler, `…/routes.ts` a route contract, `…/dialect.ts` the
 * dialect, `…/index.ts` its registration, `…/demo.ts` its demo data).
 */
function layer(file: string): string {
  const dialect = dialectOf(file);
  const inner = dialect ? file.slice(`dialects/${dialect}/`.length) : file;
  const top = inner.split('/')[0]!.replace(/\.ts$/, '');
  if (!dialect || inner.includes('/')) return top;
  return { dialect: 'dialects', routes: 'routes', index: 'registry', demo: 'demo' }[top] ?? top;
}
const graph = new Map(files.map((file) => [file, importsOf(file)]));

describe('functions/ layering', () => {
  test('the import reader sees the edges (so the checks below can fail)', () => {
    expect(graph.get('dialects/rocketchat/handlers/channels-invite.ts')?.map((i) => i.target)).toEqual([
      'dialects/rocketchat/dialect.ts',
      'dialects/rocketchat/domain/channels-invite.ts',
      'chain/api-handler.ts',
      'dialects/rocketchat/routes.ts',
    ]);
    expect(layer('dialects/rocketchat/handlers/channels-invite.ts')).toBe('handlers');
    expect(layer('dialects/rocketchat/store/entities/invite-link.ts')).toBe('store');
    expect(layer('dialects/rocketchat/dialect.ts')).toBe('dialects');
    expect(graph.get('routes/route.ts')).toEqual([
      { target: 'dialects/dialect.ts', typeOnly: true },
      { target: 'http/types.ts', typeOnly: true },
    ]);
  });

  test('the model and errors import nothing of the service', () => {
    expect(graph.get('model.ts')).toEqual([]);
    expect(graph.get('errors.ts')).toEqual([]);
  });

  test.each([
    ['store', ['handlers', 'chain', 'middleware', 'http', 'dialects', 'domain', 'events', 'routes', 'registry', 'identity']],
    ['events', ['handlers', 'chain', 'middleware', 'http', 'dialects', 'domain', 'store', 'routes', 'registry', 'identity']],
    ['domain', ['handlers', 'chain', 'middleware', 'http', 'dialects', 'routes', 'registry', 'identity']],
    [
      'lib',
      [
        'handlers',
        'chain',
        'middleware',
        'http',
        'dialects',
        'domain',
        'store',
        'events',
        'observability',
        'secrets',
        'routes',
        'registry',
      ],
    ],
    [
      'observability',
      ['handlers', 'chain', 'middleware', 'http', 'dialects', 'domain', 'store', 'events', 'routes', 'registry', 'identity'],
    ],
    ['secrets', ['handlers', 'chain', 'middleware', 'http', 'dialects', 'domain', 'store', 'events', 'routes', 'registry', 'identity']],
    ['middleware', ['handlers', 'chain', 'routes', 'registry']],
    // The shared HTTP vocabulary (types, responses, error classification) sits below the middleware.
    ['http', ['handlers', 'chain', 'middleware', 'dialects', 'domain', 'store', 'routes', 'registry', 'identity']],
    ['dialects', ['handlers', 'chain', 'middleware', 'routes', 'registry', 'identity']],
    ['chain', ['handlers', 'registry']],
    // The webhooks' wire format, payloads, address checks, HTTP sender and queue: from the event catalogue and the model, nothing else of the service.
    ['webhooks', ['handlers', 'chain', 'middleware', 'http', 'dialects', 'domain', 'store', 'routes', 'registry', 'identity']],
    // Verifying outside access tokens: below the middleware, above nothing but lib.
    ['identity', ['handlers', 'chain', 'middleware', 'http', 'dialects', 'domain', 'store', 'events', 'routes', 'registry']],
  ])('%s imports none of %o', (from, forbidden) => {
    for (const [file, imports] of graph) {
      if (layer(file) !== from) continue;
      for (const { target } of imports) expect(forbidden, `${file} → ${target}`).not.toContain(layer(target));
    }
  });

  test("a handler imports its own dialect's contracts (dialects/<name>/routes.ts), never the table; nothing below the handlers imports a route at run time", () => {
    for (const [file, imports] of graph) {
      if (layer(file) === 'routes' || layer(file) === 'registry') continue;
      for (const { target, typeOnly } of imports) {
        if (typeOnly || layer(target) !== 'routes') continue;
        expect(layer(file), `${file} → ${target}`).toBe('handlers');
        expect(target, file).toBe(`dialects/${dialectOf(file)}/routes.ts`);
      }
    }
  });

  test('the core reaches a dialect only through the three lists that register it, and one known coupling', () => {
    const reaching = new Map<string, string[]>();
    for (const [file, imports] of graph) {
      if (dialectOf(file)) continue;
      const dialects = [...new Set(imports.map(({ target }) => dialectOf(target)).filter(Boolean))] as string[];
      if (dialects.length) reaching.set(file, dialects.sort());
    }
    expect(Object.fromEntries(reaching)).toEqual({
      // The lists: wire dialects, route contracts, runtime registrations (one line each per dialect).
      'dialects/index.ts': ['berty', 'quranreflect', 'rocketchat', 'webhooks'],
      'routes/index.ts': ['berty', 'quranreflect', 'rocketchat', 'webhooks'],
      'registry/index.ts': ['berty', 'quranreflect', 'rocketchat', 'webhooks'],
      // A new account claims the QuranReflect e-mail invitations waiting for its address, in the
      // transaction that creates it (docs/development.md: not yet a registration hook).
      'domain/users.ts': ['quranreflect'],
      'store/users.ts': ['quranreflect'],
    });
  });

  test("a dialect's folder imports no other dialect's folder", () => {
    for (const [file, imports] of graph) {
      const own = dialectOf(file);
      if (!own) continue;
      for (const { target } of imports) expect([own, undefined], `${file} → ${target}`).toContain(dialectOf(target));
    }
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

  test('the stream decoder asks the entities, as the dialects registered them: no key of its own, no dialect named', () => {
    const decoder = readFileSync(resolve(root, 'store/table-changes.ts'), 'utf8');
    // A key literal (`'ROOM#'`, `"NOTE#"`) or a key builder would mean it reads keys itself.
    expect(decoder).not.toMatch(/['"`][A-Z]+#/);
    expect(decoder).not.toMatch(/from '\.\/keys'/);
    // Its only own entity is the event note; the rest come with each dialect's registration.
    expect(
      graph
        .get('store/table-changes.ts')!
        .map((i) => i.target)
        .filter((target) => target.includes('entities/')),
    ).toEqual(['store/entities/entity-change.ts', 'store/entities/operational.ts']);
    expect(
      registeredDialects().map((module) => [module.dialect.name, (module.recognizers ?? []).map((recognize) => recognize.name)]),
    ).toEqual([
      ['rocketchat', ['roomMemberChange', 'inviteLinkChange']],
      ['quranreflect', ['groupMemberChange', 'invitationChange']],
      ['berty', ['bertyMemberChange']],
      // The webhook management API: its endpoints are core entities, which make no event of themselves.
      ['webhooks', []],
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

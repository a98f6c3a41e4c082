/** The route table is the single source: README, sample events and handler files must follow it. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { routeKey, routes } from '../../functions/routes';
import { endpointTable, routeLimitsTable } from '../../local/route-docs';
import { sampleEvent } from '../../local/write-events';

const root = resolve(import.meta.dirname, '../..');

describe('route table', () => {
  test('ids, method+path pairs and entries are unique', () => {
    expect(new Set(routes.map((r) => r.id)).size).toBe(routes.length);
    expect(new Set(routes.map(routeKey)).size).toBe(routes.length);
    expect(new Set(routes.map((r) => r.entry)).size).toBe(routes.length);
  });

  test.each(routes.map((r) => [r.id, r]))('%s: handler exports a function', async (_id, route) => {
    const module = await import(resolve(root, route.entry));
    expect(typeof module.handler).toBe('function');
  });

  test.each(routes.map((r) => [r.id, r]))('%s: events/ holds its current sample event', (_id, route) => {
    const file = resolve(root, 'events', `${route.id}.json`);
    expect(existsSync(file), `run npm run events`).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(sampleEvent(route));
  });

  test('QuranReflect and Berty routes are rate-limited per caller, Rocket.Chat per client IP', () => {
    for (const route of routes) expect(route.rateLimit.key, route.id).toBe(route.dialect === 'rocketchat' ? 'ip' : 'user');
  });

  test('README carries the endpoint table rendered from the route table', () => {
    expect(readFileSync(resolve(root, 'README.md'), 'utf8')).toContain(endpointTable());
  });

  test('docs/operations.md carries the per-route limits and table grants rendered from the route table', () => {
    expect(readFileSync(resolve(root, 'docs/operations.md'), 'utf8')).toContain(routeLimitsTable());
  });

  test('runtime code under functions/ imports no aws-cdk-lib', () => {
    const files = readdirSync(resolve(root, 'functions'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      expect(readFileSync(resolve(root, 'functions', file), 'utf8'), file).not.toMatch(/from 'aws-cdk-lib|from 'constructs'/);
    }
  });
});

describe('route injection', () => {
  test("a function's bundle carries its own row, not the route table", async () => {
    const { build } = await import('esbuild');
    const { routeDefines } = await import('../../functions/chain/route-of');
    const route = routes.find((r) => r.id === 'berty-multi-member-group-join')!;
    const bundle = async (define: Record<string, string>) => {
      const result = await build({
        entryPoints: [resolve(root, route.entry)],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        write: false,
        external: ['@aws-sdk/*', '@smithy/*', '@middy/*', 'zod'],
        define,
        logLevel: 'silent',
      });
      return new TextDecoder().decode(result.outputFiles[0]!.contents);
    };
    const other = routes.find((r) => r.id !== route.id)!;
    expect(await bundle({})).toContain(other.summary);
    const injected = await bundle(routeDefines(route));
    expect(injected).not.toContain(other.summary);
    expect(injected).not.toContain(route.summary);
    expect(injected).toContain(`"${route.id}"`);
  });
});

/** The route table is the single source: README, sample events and handler files must follow it. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { toJSONSchema } from 'zod/v4/core';
import { berty } from '../../functions/dialects/berty/dialect';
import * as z from '../../functions/lib/zod';
import { routeKey, routes } from '../../functions/routes';
import { dialectRoute } from '../../functions/routes/route';
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

  test("the bench's bundle can load every route's handler (its table of handler files covers every entry)", async () => {
    const { handlerDirs } = await import('../../bench/build.mjs');
    for (const route of routes)
      expect(
        handlerDirs().some((dir) => resolve(root, route.entry).startsWith(`${dir}/`)),
        route.entry,
      ).toBe(true);
  });

  test('QuranReflect and Berty routes are rate-limited per caller, Rocket.Chat per client IP', () => {
    for (const route of routes) expect(route.rateLimit.key, route.id).toBe(route.dialect.name === 'rocketchat' ? 'ip' : 'user');
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

describe('route contracts', () => {
  test.each(routes.map((r) => [r.id, r]))('%s: its entry serves this very contract', async (_id, route) => {
    const module = await import(resolve(root, route.entry));
    expect(module.handler.route).toBe(route);
  });

  test.each(routes.map((r) => [r.id, r]))("%s: the input schema's path has exactly the path's parameters", (_id, route) => {
    const input = toJSONSchema(route.input, { io: 'input', unrepresentable: 'any' }) as { properties?: { path?: { properties?: object } } };
    const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
    expect(Object.keys(input.properties?.path?.properties ?? {}).sort()).toEqual(params.sort());
  });

  test("a function's bundle carries its own contract, not the other routes'", async () => {
    const { build } = await import('esbuild');
    const route = routes.find((r) => r.id === 'berty-multi-member-group-join')!;
    const result = await build({
      entryPoints: [resolve(root, route.entry)],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      write: false,
      external: ['@aws-sdk/*', '@smithy/*', '@middy/*', 'zod'],
      logLevel: 'silent',
    });
    const bundle = new TextDecoder().decode(result.outputFiles[0]!.contents);
    expect(bundle).toContain(route.summary);
    for (const other of routes.filter((r) => r !== route)) expect(bundle, other.id).not.toContain(other.summary);
  });
});

describe('path parameters are typed from the path', () => {
  const route = dialectRoute(berty, { rateLimit: { limit: 1, windowSeconds: 60, key: 'user' } });
  const row = { id: 'x', method: 'GET', entry: 'x.ts', tableAccess: [], summary: 'x' } as const;

  test('a schema whose path has the parameters is accepted, one without them is a type error (tsc runs in npm test)', () => {
    const typed = route({
      ...row,
      path: '/rooms/{id}/members/{userId}',
      input: z.object({ path: z.object({ id: z.string(), userId: z.string() }) }),
    });
    // @ts-expect-error: the path has {id}, the schema reads no path.
    const untyped = route({ ...row, path: '/rooms/{id}', input: z.object({ body: z.object({}) }) });
    // @ts-expect-error: the path has {id} and {userId}, the schema only {id}.
    const partial = route({ ...row, path: '/rooms/{id}/members/{userId}', input: z.object({ path: z.object({ id: z.string() }) }) });
    expect([typed.path, untyped.path, partial.path]).toEqual([
      '/rooms/{id}/members/{userId}',
      '/rooms/{id}',
      '/rooms/{id}/members/{userId}',
    ]);
  });
});

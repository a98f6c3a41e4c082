/**
 * The rate limit on its own, its counter replaced by an in-memory one (vi.mock): the count per
 * subject, the 429 past the limit with its retry time, the dialect's headers and bypass, the
 * request gate's admission set, and RATE_LIMIT / RATE_LIMIT_OVERRIDES.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Dialect } from '../../functions/dialects/dialect';
import type { RuntimeRoute } from '../../functions/http/types';
import type { User } from '../../functions/model';

const counts = vi.hoisted(() => new Map<string, number>());
vi.mock('../../functions/store/rate-limits', () => ({
  countRequest: async (routeId: string, subject: string) => {
    const key = `${routeId}|${subject}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    return { count: counts.get(key)!, resetAtMs: 60_000 };
  },
}));

const { rateLimit, ruleFor } = await import('../../functions/middleware/rate-limit');
const { admitted, runInGate } = await import('../../functions/lib/request-gate');
const { setClock } = await import('../../functions/lib/clock');

const route: RuntimeRoute = { id: 'r', method: 'POST', path: '/r', rateLimit: { limit: 2, windowSeconds: 60, key: 'user' } };
const caller: User = { _id: 'A1', userId: 1, username: 'alice', roles: ['user'], active: true, createdAt: '' };
const dialect = (rateLimitOptions?: Dialect['rateLimit']) => ({ rateLimit: rateLimitOptions }) as Dialect;

/** One request through the middleware, in its gate; what the store's writes would wait for, settled. */
const request = (d: Dialect, who: User | null = caller, sourceIp = '10.0.0.1') =>
  runInGate(async () => {
    const req = { event: { requestContext: { http: { sourceIp } } }, context: { caller: who ?? undefined } } as any;
    await rateLimit(route, d).before!(req);
    const outcome = await admitted().then(
      () => 'admitted',
      (error: { kind: string; retryAfterSeconds?: number }) => `${error.kind} ${error.retryAfterSeconds}`,
    );
    return { outcome, headers: req.context.responseHeaders };
  });

let restoreClock: () => void;
beforeEach(() => {
  counts.clear();
  restoreClock = setClock(30_000);
  delete process.env.RATE_LIMIT;
  delete process.env.RATE_LIMIT_OVERRIDES;
});
afterEach(() => restoreClock());

describe('rateLimit', () => {
  test('counts per user; past the limit the gate refuses with a 429 and the seconds to wait', async () => {
    expect((await request(dialect())).outcome).toBe('admitted');
    expect((await request(dialect())).outcome).toBe('admitted');
    expect((await request(dialect())).outcome).toBe('rate_limited 30');
    expect((await request(dialect(), { ...caller, _id: 'B2' })).outcome).toBe('admitted');
    expect([...counts.keys()]).toEqual(['r|user#A1', 'r|user#B2']);
  });

  test("the dialect's headers on every checked response; an anonymous caller counts by IP", async () => {
    const { headers } = await request(dialect({ headers: true }), null, '10.0.0.9');
    expect(headers).toEqual({ 'X-RateLimit-Limit': '2', 'X-RateLimit-Remaining': '1', 'X-RateLimit-Reset': '60000' });
    expect([...counts.keys()]).toEqual(['r|ip#10.0.0.9']);
  });

  test('a caller the dialect lets bypass is not counted at all', async () => {
    for (let i = 0; i < 5; i++) expect((await request(dialect({ bypass: async () => true }))).outcome).toBe('admitted');
    expect(counts.size).toBe(0);
  });

  test("RATE_LIMIT=off admits without counting; overrides change a route's rule", async () => {
    process.env.RATE_LIMIT = 'off';
    expect((await request(dialect())).outcome).toBe('admitted');
    expect(counts.size).toBe(0);
    delete process.env.RATE_LIMIT;
    expect(ruleFor(route, { RATE_LIMIT_OVERRIDES: '{"r":{"limit":9}}' })).toEqual({ limit: 9, windowSeconds: 60, key: 'user' });
  });
});

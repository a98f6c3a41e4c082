/** The shared cache and retry helpers, on a settable clock and a recorded wait. */
import { describe, expect, test } from 'vitest';
import { TtlCache } from '../../functions/lib/cache';
import { manualClock } from '../../functions/lib/clock';
import { backoffMs, RETRY, RETRY_NOW, retry } from '../../functions/lib/retry';

describe('TtlCache', () => {
  test('an entry lives for the TTL, or until its own deadline if sooner', () => {
    const time = manualClock(1_000_000);
    try {
      const cache = new TtlCache<string, number>({ ttlMs: 100, maxEntries: 10 });
      cache.set('a', 1);
      cache.set('b', 2, 1_000_050);
      time.advance(49);
      expect([cache.get('a'), cache.get('b')]).toEqual([1, 2]);
      time.advance(1);
      expect([cache.get('a'), cache.get('b')]).toEqual([1, undefined]);
      time.advance(50);
      expect(cache.get('a')).toBeUndefined();
    } finally {
      time.restore();
    }
  });

  test('the oldest entry goes first when full; a TTL of 0 caches nothing', () => {
    const cache = new TtlCache<number, number>({ ttlMs: 60_000, maxEntries: 3 });
    for (const n of [1, 2, 3, 4]) cache.set(n, n);
    expect([cache.get(1), cache.get(2), cache.get(4), cache.size]).toEqual([undefined, 2, 4, 3]);
    const off = new TtlCache<number, number>({ ttlMs: 0, maxEntries: 3 });
    off.set(1, 1);
    expect(off.get(1)).toBeUndefined();
  });
});

describe('retry', () => {
  const policy = { attempts: 4, baseMs: 10, capMs: 25, exhausted: 'busy' };

  test('retries until an attempt settles, backing off after RETRY but not after RETRY_NOW', async () => {
    const waits: number[] = [];
    const outcomes = [RETRY, RETRY_NOW, RETRY, 'done'] as const;
    const result = await retry(
      policy,
      async (n) => outcomes[n]!,
      async (ms) => void waits.push(ms),
    );
    expect(result).toBe('done');
    expect(waits).toHaveLength(2);
    expect(waits.every((ms) => ms >= 0 && ms <= 25)).toBe(true);
  });

  test('after the last attempt: a 503-class ServiceError with the policy message', async () => {
    let attempts = 0;
    await expect(
      retry(
        policy,
        async () => {
          attempts += 1;
          return RETRY;
        },
        async () => undefined,
      ),
    ).rejects.toMatchObject({ kind: 'unavailable', message: 'busy' });
    expect(attempts).toBe(4);
  });

  test('an attempt that throws is not retried', async () => {
    let attempts = 0;
    await expect(
      retry(policy, async () => {
        attempts += 1;
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(attempts).toBe(1);
  });

  test('full jitter: up to min(cap, base · 2^n)', () => {
    expect(backoffMs(policy, 0, () => 0.999)).toBeCloseTo(9.99);
    expect(backoffMs(policy, 1, () => 0.999)).toBeCloseTo(19.98);
    expect(backoffMs(policy, 5, () => 1)).toBe(25);
  });
});

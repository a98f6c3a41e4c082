/**
 * The one retry loop: an attempt either settles (a result to return) or asks to be retried,
 * with full-jitter exponential backoff between attempts. What counts as retryable is the
 * caller's to say; how often and how long to wait is a named RetryPolicy (functions/policies.ts).
 */
import { ServiceError } from '../errors';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseMs: number;
  capMs: number;
  /** What the caller hears when every attempt asked for a retry. */
  exhausted: string;
}

/** Returned by an attempt that should be tried again after a backoff (it lost to contention). */
export const RETRY = Symbol('retry');
/** Returned by an attempt that should be tried again at once (it made progress, e.g. dropped what failed). */
export const RETRY_NOW = Symbol('retry-now');

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Full jitter: a random wait up to min(cap, base · 2^attempt). */
export const backoffMs = (policy: Pick<RetryPolicy, 'baseMs' | 'capMs'>, attempt: number, random = Math.random) =>
  random() * Math.min(policy.capMs, policy.baseMs * 2 ** attempt);

/**
 * Runs `attempt(n)` until it returns something other than RETRY; after `policy.attempts` tries
 * it throws a 503-class ServiceError with `policy.exhausted`. `wait` is injectable for tests.
 */
export async function retry<T>(
  policy: RetryPolicy,
  attempt: (attemptNumber: number) => Promise<T | typeof RETRY | typeof RETRY_NOW>,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<T> {
  let backoff = false;
  for (let n = 0; n < policy.attempts; n++) {
    if (backoff) await wait(backoffMs(policy, n - 1));
    const outcome = await attempt(n);
    if (outcome !== RETRY && outcome !== RETRY_NOW) return outcome;
    backoff = outcome === RETRY;
  }
  throw new ServiceError('unavailable', policy.exhausted);
}

/**
 * When a failed delivery is tried again: Standard Webhooks' example schedule (immediately, 5 s,
 * 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: eight tries over about 28 hours), each wait spread by up to
 * ±10 % so that many deliveries failing together do not come back together. A receiver that says
 * `Retry-After` on 429, 502, 503 or 504 is waited for as it asks (at most 10 hours).
 */
export const RETRY_SCHEDULE_SECONDS = [0, 5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600] as const;

/** The statuses whose `Retry-After` is honoured. */
const RETRY_AFTER_STATUSES = new Set([429, 502, 503, 504]);
const MAX_RETRY_AFTER_SECONDS = 10 * 3600;
const JITTER = 0.1;

/** The wait before try `step` (0-based; undefined: no try left), `random` in [0, 1). */
export function retryDelaySeconds(
  step: number,
  answer: { status?: number; retryAfterSeconds?: number },
  random = Math.random,
): number | undefined {
  const scheduled = RETRY_SCHEDULE_SECONDS[step];
  if (scheduled === undefined) return undefined;
  if (answer.status !== undefined && RETRY_AFTER_STATUSES.has(answer.status) && answer.retryAfterSeconds !== undefined)
    return Math.min(Math.max(0, Math.ceil(answer.retryAfterSeconds)), MAX_RETRY_AFTER_SECONDS);
  return Math.round(scheduled * (1 + JITTER * (2 * random() - 1)));
}

/** `Retry-After` as seconds from `nowMs`: a number of seconds or an HTTP date; undefined if neither. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/** An endpoint failing this long without a success is disabled (and its contact hears of it). */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 3600 * 1000;

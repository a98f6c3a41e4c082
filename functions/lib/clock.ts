/**
 * The service's one clock. Everything that depends on the time (expiries, cache TTLs, rate-limit
 * windows, timestamps) reads it here, so a test can set the time instead of waiting for it.
 */
let nowMs: () => number = Date.now;

export const clock = {
  /** Epoch milliseconds. */
  now: (): number => nowMs(),
  /** Epoch seconds (whole), as DynamoDB TTL attributes hold them. */
  nowSeconds: (): number => Math.floor(nowMs() / 1000),
  iso: (): string => new Date(nowMs()).toISOString(),
};

/**
 * Replaces the clock (tests only) and returns a function restoring the real one.
 * `setClock(1_700_000_000_000)` freezes it; a function makes it move as the test wants.
 */
export function setClock(time: number | (() => number)): () => void {
  nowMs = typeof time === 'number' ? () => time : time;
  return () => {
    nowMs = Date.now;
  };
}

/** A settable clock for tests: starts at `startMs` and moves only when told to. */
export function manualClock(startMs: number) {
  let current = startMs;
  const restore = setClock(() => current);
  return {
    advance: (ms: number) => {
      current += ms;
    },
    set: (ms: number) => {
      current = ms;
    },
    restore,
  };
}

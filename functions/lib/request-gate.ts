/**
 * The admission of the request in progress (the rate limit's decision), kept per request with
 * AsyncLocalStorage so that no business signature carries it: the chain runs each request in its
 * own gate (`runInGate`), the rate-limit middleware sets the gate's admission, and the store waits
 * for it (`admitted`) before every write that must be admitted. Reads never wait, so the count
 * overlaps the first business read; the response waits for it too (dialect-response). Outside a
 * request (admin tools, seeding, tests of the store) there is no gate and nothing to wait for.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface Gate {
  admission?: () => Promise<void>;
}

const gates = new AsyncLocalStorage<Gate>();

/** Runs one request inside a gate of its own. */
export const runInGate = <T>(run: () => Promise<T>): Promise<T> => gates.run({}, run);

/** Sets the admission of the request in progress (the rate-limit middleware, once per request). */
export function setAdmission(admission: () => Promise<void>): void {
  const gate = gates.getStore();
  if (!gate) throw new Error('setAdmission outside a request gate: the chain runs every request in runInGate');
  gate.admission = admission;
}

/** Resolves once the request in progress may write; rejects with its 429. Outside a request: at once. */
export const admitted = (): Promise<void> => gates.getStore()?.admission?.() ?? Promise.resolve();

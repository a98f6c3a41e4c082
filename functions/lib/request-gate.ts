/**
 * The admission of the request in progress (the rate limit's decision), kept per request with
 * AsyncLocalStorage so that no business signature carries it: the chain runs each request in its
 * own gate (`runInGate`), the rate-limit middleware sets the gate's admission, and the store waits
 * for it (`admitted`) before every write that must be admitted, which the DynamoDB client enforces
 * (`checkAdmittedWrite`, store/client.ts). Reads never wait, so the count
 * overlaps the first business read; the response waits for it too (dialect-response). Outside a
 * request (admin tools, seeding, tests of the store) there is no gate and nothing to wait for.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface Gate {
  admission?: () => Promise<void>;
  /** Set once a wait for the admission resolved: the request may write. */
  admitted?: boolean;
}

const gates = new AsyncLocalStorage<Gate>();
/**
 * Writes that need no admission, each with its reason: the admission's own work (the rate-limit
 * count is the admission, not a write to admit) and the few writes made before it on purpose.
 */
const exemptWrites = new AsyncLocalStorage<string>();

/** Runs one request inside a gate of its own. */
export const runInGate = <T>(run: () => Promise<T>): Promise<T> => gates.run({}, run);

/** Sets the admission of the request in progress (the rate-limit middleware, once per request). */
export function setAdmission(admission: () => Promise<void>): void {
  const gate = gates.getStore();
  if (!gate) throw new Error('setAdmission outside a request gate: the chain runs every request in runInGate');
  gate.admission = admission;
}

/** Resolves once the request in progress may write; rejects with its 429. Outside a request: at once. */
export async function admitted(): Promise<void> {
  const gate = gates.getStore();
  if (!gate?.admission) return;
  await gate.admission();
  gate.admitted = true;
}

/** Runs the admission's own work (the rate-limit middleware's count and bypass check). */
export const asAdmissionWork = <T>(run: () => Promise<T>): Promise<T> => exemptWrites.run('the admission itself', run);

/**
 * Runs a write that may go before the request is admitted, saying why (a number taken from a
 * counter: a refused request leaves a gap, as a failed one does). Explicit, so that a search for
 * this name finds every write the rate limit does not hold back.
 */
export const writeBeforeAdmission = <T>(reason: string, run: () => Promise<T>): Promise<T> => exemptWrites.run(reason, run);

export class UnadmittedWrite extends Error {}

/**
 * Throws when a write would leave the request in progress before it was admitted: a store function
 * that writes without `await admitted()` first. The DynamoDB client checks every write with this
 * (store/client.ts), so a new raw send cannot skip the rate limit unnoticed.
 */
export function checkAdmittedWrite(operation: string): void {
  const gate = gates.getStore();
  if (!gate?.admission || gate.admitted || exemptWrites.getStore()) return;
  throw new UnadmittedWrite(
    `${operation} before the request was admitted: the store must await admitted() (lib/request-gate.ts) before it writes`,
  );
}

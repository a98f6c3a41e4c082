/**
 * A small per-instance cache with a time to live and a size bound (oldest entry evicted first).
 * Warm Lambda instances keep it between invocations; the clock is the service's (lib/clock).
 */
import { clock } from './clock';

export interface CachePolicy {
  /** How long an entry lives; 0 turns the cache off. */
  ttlMs: number;
  maxEntries: number;
}

export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();

  constructor(private readonly policy: CachePolicy) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > clock.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** Caches `value` for the policy's TTL, or until `notAfterMs` if that comes first. */
  set(key: K, value: V, notAfterMs = Infinity): void {
    if (this.policy.ttlMs <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.policy.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, until: Math.min(clock.now() + this.policy.ttlMs, notAfterMs) });
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

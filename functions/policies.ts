/**
 * Every cache, retry and expiry policy of the service, named in one place.
 * Environment variables (read once, at module load, as a Lambda does) override the defaults.
 */
import type { CachePolicy } from './lib/cache';
import type { RetryPolicy } from './lib/retry';

const env = (name: string, fallback: number) => {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : Number(value);
};

const DAY_SECONDS = 86_400;

export const cachePolicies = {
  /**
   * Token → user lookups (AUTH_CACHE_TTL_MS, 10 s; 0 disables), never past the token's expiry:
   * a revocation or a role change takes effect within this time.
   */
  tokens: { ttlMs: env('AUTH_CACHE_TTL_MS', 10_000), maxEntries: 5_000 },
  /** Known API client ids (QuranReflect's x-client-id); only a "yes" is cached. */
  apiClients: { ttlMs: env('AUTH_CACHE_TTL_MS', 10_000), maxEntries: 1_000 },
  /** Rocket.Chat permission grants (PERMISSION_CACHE_TTL_MS, 30 s): they change rarely. */
  permissions: { ttlMs: env('PERMISSION_CACHE_TTL_MS', 30_000), maxEntries: 100 },
  /**
   * The webhook endpoints the deliverer sends to (WEBHOOK_ENDPOINTS_CACHE_MS, 10 s; 0 reads them
   * for every event): a new, changed or deleted endpoint is heard of within this time.
   */
  webhookEndpoints: { ttlMs: env('WEBHOOK_ENDPOINTS_CACHE_MS', 10_000), maxEntries: 1 },
} satisfies Record<string, CachePolicy>;

export const retryPolicies = {
  /** A transaction that lost only to racing transactions on the same items (TransactionConflict). */
  transactionConflict: { attempts: 10, baseMs: 15, capMs: 800, exhausted: 'Too many concurrent updates, try again' },
  /** A chunk of a bulk room invite that lost to contention on its counter shard (or a racing invite of the same user). */
  roomInviteChunk: { attempts: 25, baseMs: 15, capMs: 800, exhausted: 'The room is too busy right now, try again' },
  /** Keys BatchGetItem left unprocessed (throttling). */
  unprocessedKeys: { attempts: 9, baseMs: 15, capMs: 800, exhausted: 'DynamoDB left keys unprocessed after retries' },
  /** Items BatchWriteItem left unprocessed (fixtures and seeding only). */
  unprocessedWrites: { attempts: 9, baseMs: 15, capMs: 800, exhausted: 'DynamoDB left writes unprocessed after retries' },
  /** Renew-or-replace rounds of one QuranReflect invitation that others keep changing meanwhile. */
  /** `npm start`'s stand-in for the notifier's queue: an event whose e-mail failed is tried again a few times. */
  localEmailDelivery: { attempts: 5, baseMs: 100, capMs: 800, exhausted: 'not sent after 5 attempts' },
  invitationUpsert: { attempts: 4, baseMs: 0, capMs: 0, exhausted: 'Too many concurrent updates of this invitation, try again' },
} satisfies Record<string, RetryPolicy>;

export const expiryPolicies = {
  /** How long a QuranReflect invitation stays pending (INVITATION_TTL_DAYS, 7 days; read per invite). */
  invitationTtlSeconds: () => Math.round(env('INVITATION_TTL_DAYS', 7) * DAY_SECONDS),
  /** Rate-limit windows are kept this long after they end, then TTL removes them. */
  rateLimitWindowGraceSeconds: 60,
};

import type { MiddlewareObj } from '@middy/core';
import type { Dialect } from '../dialects/dialect';
import { isServiceError, ServiceError } from '../errors';
import type { ApiContext, ApiEvent, ApiResult } from '../http/types';
import { clock } from '../lib/clock';
import { alwaysAdmitted } from '../model';
import type { RuntimeRoute } from '../http/route-of';
import type { RateLimitRule } from '../routes';
import { countRequest, uncountRequest, type WindowCount } from '../store/rate-limits';
import { type HashedCredentials, requestCredentials } from './request-credentials';

type Middleware = MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext>;

/**
 * The rule in force for a route: RATE_LIMIT=off disables every limit (tests, local use);
 * RATE_LIMIT_OVERRIDES='{"<route-id>":{"limit":3}}' changes parts of a route's rule.
 */
export function ruleFor(route: RuntimeRoute, env: NodeJS.ProcessEnv = process.env): RateLimitRule | undefined {
  if (env.RATE_LIMIT === 'off') return undefined;
  const overrides = env.RATE_LIMIT_OVERRIDES ? (JSON.parse(env.RATE_LIMIT_OVERRIDES) as Record<string, Partial<RateLimitRule>>) : {};
  return { ...route.rateLimit, ...overrides[route.id] };
}

interface Pending {
  subject: string;
  count: Promise<WindowCount>;
  /** Set once the caller is authenticated: from then on the count stands (or is released by a bypass). */
  authenticated?: boolean;
}

const once = <T>(run: () => Promise<T>) => {
  let result: Promise<T> | undefined;
  return () => (result ??= run());
};

/**
 * Rate limiting that adds no sequential round trip:
 * - `count` (before authenticate) starts the counter's atomic increment, so it runs alongside
 *   the auth read (or, when auth is served from cache, alongside the first business read);
 * - `enforce` (after authenticate) sets `context.admission`, which awaits the count and rejects
 *   with a 429 past the limit. Business code awaits it with its first read and before writing,
 *   and dialect-response awaits it before any response leaves.
 * A request refused by authentication is taken back (a 401 is never counted), as is one from a
 * caller who may bypass the limit (that release runs in the background of the business call).
 * Headers and bypass are the dialect's (Rocket.Chat has both).
 */
export function rateLimit(route: RuntimeRoute, dialect: Dialect): { count: Middleware; enforce: Middleware } {
  const rule = ruleFor(route);
  const options = dialect.rateLimit ?? {};
  const pending = new WeakMap<object, Pending>();

  const count: Middleware = {
    before: async (request) => {
      if (!rule) return;
      // A route without authentication counts every caller by IP, whatever headers they send.
      const subject = route.anonymous
        ? `ip#${request.event.requestContext?.http?.sourceIp ?? 'unknown'}`
        : subjectOf(rule, request.event, requestCredentials(request.context, request.event.headers ?? {}, dialect));
      if (!subject) return;
      const entry: Pending = { subject, count: countRequest(route.id, subject, rule.windowSeconds) };
      entry.count.catch(() => undefined); // settled by admission; never an unhandled rejection
      pending.set(request.context, entry);
    },
    onError: async (request) => {
      const entry = pending.get(request.context);
      if (!entry || entry.authenticated || !isServiceError(request.error) || request.error.kind !== 'unauthenticated') return;
      const counted = await entry.count.catch(() => undefined);
      if (counted) await uncountRequest(route.id, entry.subject, counted.windowStart).catch(() => undefined);
    },
  };

  const enforce: Middleware = {
    before: async (request) => {
      const { context } = request;
      const entry = pending.get(context);
      if (!rule || !entry) {
        context.admission = alwaysAdmitted;
        return;
      }
      entry.authenticated = true;
      context.admission = once(async () => {
        const counted = await entry.count;
        // An anonymous route has no caller to exempt.
        if (options.bypass && context.caller && (await options.bypass(context.caller))) {
          const release = uncountRequest(route.id, entry.subject, counted.windowStart).catch(() => undefined);
          context.background = [...(context.background ?? []), release];
          return;
        }
        const remaining = Math.max(0, rule.limit - counted.count);
        if (options.headers) {
          context.responseHeaders = {
            ...context.responseHeaders,
            'X-RateLimit-Limit': String(rule.limit),
            'X-RateLimit-Remaining': String(remaining),
            'X-RateLimit-Reset': String(counted.resetAtMs),
          };
        }
        if (counted.count > rule.limit) {
          const retryAfterSeconds = Math.max(1, Math.ceil((counted.resetAtMs - clock.now()) / 1000));
          throw new ServiceError('rate_limited', `Too many requests: ${rule.limit} per ${rule.windowSeconds} s allowed`, {
            retryAfterSeconds,
          });
        }
      });
      // Started now so a refusal is known as early as possible; awaited by whoever needs it.
      context.admission().catch(() => undefined);
    },
  };

  return { count, enforce };
}

/** The counter's subject, or none when credentials are missing (authentication will refuse). */
function subjectOf(rule: RateLimitRule, event: ApiEvent, credentials: HashedCredentials | ServiceError): string | undefined {
  if (isServiceError(credentials)) return undefined;
  return rule.key === 'ip' ? `ip#${event.requestContext?.http?.sourceIp ?? 'unknown'}` : `token#${credentials.tokenHash}`;
}

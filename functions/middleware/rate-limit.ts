import type { MiddlewareObj } from '@middy/core';
import type { Dialect } from '../dialects/dialect';
import { isServiceError, ServiceError } from '../errors';
import type { ApiContext, ApiEvent, ApiResult } from '../http/types';
import { hashToken } from '../lib/ids';
import type { RateLimitRule, Route } from '../routes';
import { countRequest, uncountRequest, type WindowCount } from '../store/rate-limits';
import type { User } from '../store/users';

type Middleware = MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext>;

export interface RateLimitOptions {
  /** Callers this returns true for are not limited, and their request is not counted. */
  bypass?: (caller: User) => Promise<boolean>;
  /** Add X-RateLimit-Limit/-Remaining/-Reset to every checked response (Rocket.Chat). */
  headers?: boolean;
}

/**
 * The rule in force for a route: RATE_LIMIT=off disables every limit (tests, local use);
 * RATE_LIMIT_OVERRIDES='{"<route-id>":{"limit":3}}' changes parts of a route's rule.
 */
export function ruleFor(route: Route, env: NodeJS.ProcessEnv = process.env): RateLimitRule | undefined {
  if (env.RATE_LIMIT === 'off') return undefined;
  const overrides = env.RATE_LIMIT_OVERRIDES ? (JSON.parse(env.RATE_LIMIT_OVERRIDES) as Record<string, Partial<RateLimitRule>>) : {};
  return { ...route.rateLimit, ...overrides[route.id] };
}

interface Pending {
  subject: string;
  count: Promise<WindowCount>;
  settled?: boolean;
  release?: Promise<void>;
}

/**
 * Rate limiting in two steps around authentication, so the counter's atomic increment runs
 * alongside the auth read instead of after it:
 * - `count` (before authenticate) starts the increment for the request's subject;
 * - `enforce` (after authenticate) awaits it and answers 429 past the limit.
 * A request refused by authentication is taken back (a 401 is never counted), as is one from
 * a caller who may bypass the limit; the latter's release runs alongside the business call.
 */
export function rateLimit(route: Route, dialect: Dialect, options: RateLimitOptions = {}): { count: Middleware; enforce: Middleware } {
  const rule = ruleFor(route);
  const pending = new WeakMap<object, Pending>();
  const release = (entry: Pending, windowStart: number) =>
    uncountRequest(route.id, entry.subject, windowStart).catch(() => undefined);

  const count: Middleware = {
    before: async (request) => {
      if (!rule) return;
      const subject = subjectOf(rule, request.event, dialect);
      if (!subject) return;
      const entry: Pending = { subject, count: countRequest(route.id, subject, rule.windowSeconds) };
      entry.count.catch(() => undefined); // awaited in enforce; never an unhandled rejection
      pending.set(request.context, entry);
    },
    onError: async (request) => {
      const entry = pending.get(request.context);
      if (!entry) return;
      if (entry.release) await entry.release;
      else if (!entry.settled && isServiceError(request.error) && request.error.kind === 'unauthenticated') {
        const counted = await entry.count.catch(() => undefined);
        if (counted) await release(entry, counted.windowStart);
      }
    },
    after: async (request) => {
      await pending.get(request.context)?.release;
    },
  };

  const enforce: Middleware = {
    before: async (request) => {
      const entry = pending.get(request.context);
      if (!rule || !entry) return;
      entry.settled = true;
      const counted = await entry.count;
      if (options.bypass && (await options.bypass(request.context.caller))) {
        entry.release = release(entry, counted.windowStart);
        return;
      }
      const remaining = Math.max(0, rule.limit - counted.count);
      if (options.headers) {
        request.context.responseHeaders = {
          ...request.context.responseHeaders,
          'X-RateLimit-Limit': String(rule.limit),
          'X-RateLimit-Remaining': String(remaining),
          'X-RateLimit-Reset': String(counted.resetAtMs),
        };
      }
      if (counted.count > rule.limit) {
        const retryAfterSeconds = Math.max(1, Math.ceil((counted.resetAtMs - Date.now()) / 1000));
        throw new ServiceError('rate_limited', `Too many requests: ${rule.limit} per ${rule.windowSeconds} s allowed`, {
          retryAfterSeconds,
        });
      }
    },
  };

  return { count, enforce };
}

/** The counter's subject, or none when credentials are missing (authentication will refuse). */
function subjectOf(rule: RateLimitRule, event: ApiEvent, dialect: Dialect): string | undefined {
  const credentials = dialect.credentials(event.headers ?? {});
  if (isServiceError(credentials)) return undefined;
  return rule.key === 'ip'
    ? `ip#${event.requestContext?.http?.sourceIp ?? 'unknown'}`
    : `token#${hashToken(credentials.token)}`;
}

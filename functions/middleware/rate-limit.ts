import type { MiddlewareObj } from '@middy/core';
import type { Dialect } from '../dialects/dialect';
import { ServiceError } from '../errors';
import type { ApiContext, ApiEvent, ApiResult, RateLimitRule, RuntimeRoute } from '../http/types';
import { clock } from '../lib/clock';
import { asAdmissionWork, setAdmission } from '../lib/request-gate';
import { countRequest } from '../store/rate-limits';

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

const once = <T>(run: () => Promise<T>) => {
  let result: Promise<T> | undefined;
  return () => (result ??= run());
};

/**
 * Rate limiting that writes only for authenticated callers and adds no sequential round trip.
 * Registered after authentication, it sets `context.admission`: a promise started at once that
 * decides the bypass (from the cached grant), takes the count (one atomic UpdateItem) and rejects
 * with a 429 past the limit. It is the request gate's admission (lib/request-gate.ts): the store
 * waits for it before any write, while reads go ahead, so the count overlaps the business read
 * without any business code knowing of it; dialect-response awaits it before any response leaves.
 * A request refused by authentication never gets here: refused credentials write nothing (floods
 * of them are bounded by the API stage's throttle). A caller who may bypass the limit is not
 * counted at all. Anonymous routes count by client IP. Headers and bypass are the dialect's.
 */
export function rateLimit(route: RuntimeRoute, dialect: Dialect): Middleware {
  const rule = ruleFor(route);
  const options = dialect.rateLimit ?? {};
  return {
    before: async (request) => {
      const { context, event } = request;
      if (!rule) {
        context.admission = async () => undefined;
        setAdmission(context.admission);
        return;
      }
      const subject =
        rule.key === 'ip' || !context.caller ? `ip#${event.requestContext?.http?.sourceIp ?? 'unknown'}` : `user#${context.caller._id}`;
      context.admission = once(() =>
        asAdmissionWork(async () => {
          if (options.bypass && context.caller && (await options.bypass(context.caller))) return;
          const counted = await countRequest(route.id, subject, rule.windowSeconds);
          if (options.headers) {
            context.responseHeaders = {
              ...context.responseHeaders,
              'X-RateLimit-Limit': String(rule.limit),
              'X-RateLimit-Remaining': String(Math.max(0, rule.limit - counted.count)),
              'X-RateLimit-Reset': String(counted.resetAtMs),
            };
          }
          if (counted.count > rule.limit) {
            const retryAfterSeconds = Math.max(1, Math.ceil((counted.resetAtMs - clock.now()) / 1000));
            throw new ServiceError('rate_limited', `Too many requests: ${rule.limit} per ${rule.windowSeconds} s allowed`, {
              retryAfterSeconds,
            });
          }
        }),
      );
      // Started now so the count overlaps the business read; the store's writes and the response wait for it.
      context.admission().catch(() => undefined);
      setAdmission(context.admission);
    },
  };
}

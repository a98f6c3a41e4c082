import type { MiddlewareObj } from '@middy/core';
import type { Dialect } from '../dialects/dialect';
import { isServiceError } from '../errors';
import { classifyError } from '../http/classify-error';
import type { ApiContext, ApiEvent, ApiResult } from '../http/types';

const logged = new Set(['internal', 'bad_gateway', 'unavailable', 'timeout']);

/**
 * Registered first, so its `after` and `onError` run last: renders whatever the chain threw in
 * the dialect's envelope, and adds the headers earlier middleware collected on
 * `context.responseHeaders` (rate-limit headers) to successes and errors alike. No response
 * leaves before the request's admission and background writes have settled.
 * Server-side failures are logged with the request id; bodies never carry stack traces, and no
 * request header (tokens) is ever logged.
 */
export function dialectResponse(dialect: Dialect): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> {
  return {
    after: async (request) => {
      // A refused admission throws here and the response becomes the 429.
      await request.context.admission?.();
      if (request.context.background) await Promise.allSettled(request.context.background);
      request.response = withHeaders(request.response, request.context.responseHeaders);
    },
    onError: async (request) => {
      let error = classifyError(request.error);
      // The rate limit outranks whatever else went wrong once the caller was authenticated.
      if (error.kind !== 'rate_limited' && request.context.admission) {
        const refusal = await request.context.admission().then(
          () => undefined,
          (reason: unknown) => reason,
        );
        if (isServiceError(refusal) && refusal.kind === 'rate_limited') error = refusal;
      }
      if (request.context.background) await Promise.allSettled(request.context.background);
      if (logged.has(error.kind)) {
        console.error(
          JSON.stringify({
            level: 'error',
            requestId: request.context.awsRequestId,
            route: request.event.routeKey,
            kind: error.kind,
            message: error.message,
            cause: describe(error.cause),
          }),
        );
      }
      request.response = withHeaders(dialect.renderError(error), request.context.responseHeaders);
    },
  };
}

function withHeaders<T extends ApiResult | null>(response: T, headers: Record<string, string> | undefined): T {
  return headers && response ? { ...response, headers: { ...response.headers, ...headers } } : response;
}

function describe(cause: unknown): unknown {
  if (!(cause instanceof Error)) return cause === undefined ? undefined : String(cause);
  return { name: cause.name, message: cause.message, stack: cause.stack };
}

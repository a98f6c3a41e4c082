import type { MiddlewareObj } from '@middy/core';
import type { Dialect } from '../dialects/dialect';
import { type ErrorKind, isServiceError } from '../errors';
import { classifyError } from '../http/classify-error';
import type { ApiContext, ApiEvent, ApiResult } from '../http/types';
import { countClientError, countMetric, logger, metrics } from '../observability/telemetry';

type Request = Parameters<NonNullable<MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext>['after']>>[0];

const serverSide = new Set<ErrorKind>(['internal', 'bad_gateway', 'unavailable', 'timeout']);
const startedAt = new WeakMap<object, number>();

/**
 * Registered first, so its `before` runs first and its `after` and `onError` last: renders
 * whatever the chain threw in the dialect's envelope, and adds the headers earlier middleware
 * collected on `context.responseHeaders` (rate-limit headers) to successes and errors alike. No
 * response leaves before the request's admission and background writes have settled.
 * Then it writes the request's one log line (route, dialect, status, error kind, latency, cold
 * start, the Lambda and API Gateway request ids; a server-side failure also its cause) and
 * publishes its metrics. Bodies never carry stack traces; no header, body, token, secret or e-mail
 * address is ever logged.
 */
export function dialectResponse(dialect: Dialect, routeId: string): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> {
  return {
    before: async (request) => {
      startedAt.set(request.context, performance.now());
      logger.addContext(request.context);
      metrics.captureColdStartMetric();
    },
    after: async (request) => {
      // A refused admission throws here and the response becomes the 429.
      await request.context.admission?.();
      if (request.context.background) await Promise.allSettled(request.context.background);
      request.response = withHeaders(request.response, request.context.responseHeaders);
      finish(request, dialect, routeId);
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
      request.response = withHeaders(dialect.renderError(error), request.context.responseHeaders);
      finish(
        request,
        dialect,
        routeId,
        error.kind,
        serverSide.has(error.kind) ? { errorMessage: error.message, cause: describe(error.cause) } : undefined,
      );
    },
  };
}

function finish(request: Request, dialect: Dialect, routeId: string, errorKind?: ErrorKind, failure?: Record<string, unknown>) {
  const status = request.response?.statusCode ?? 200;
  const line = {
    route: routeId,
    dialect: dialect.name,
    status,
    ...(errorKind ? { errorKind } : {}),
    latencyMs: Math.round((performance.now() - (startedAt.get(request.context) ?? performance.now())) * 10) / 10,
    apiGatewayRequestId: request.event.requestContext?.requestId,
  };
  if (failure) logger.error('request failed', { ...line, ...failure });
  else logger.info('request', line);
  if (status === 429) countMetric('RateLimited');
  else if (status >= 500) countMetric('ServerErrors');
  else if (status >= 400 && errorKind) countClientError(errorKind, routeId);
  // Most successes count nothing, and publishing an empty set logs a warning. The dimension is
  // added only to a set about to be published (which clears it): added to every request, it
  // would be added again while still there, which logs a warning too.
  if (metrics.hasStoredMetrics()) {
    metrics.addDimension('route', routeId);
    metrics.publishStoredMetrics();
  }
}

function withHeaders<T extends ApiResult | null>(response: T, headers: Record<string, string> | undefined): T {
  return headers && response ? { ...response, headers: { ...response.headers, ...headers } } : response;
}

/** A cause's name, message and stack: what went wrong in the code, never the request's data. */
function describe(cause: unknown): unknown {
  if (!(cause instanceof Error)) return cause === undefined ? undefined : String(cause);
  return { name: cause.name, message: cause.message, stack: cause.stack };
}

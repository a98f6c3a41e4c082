import type { MiddlewareObj } from '@middy/core';
import type { Dialect } from '../dialects/dialect';
import { classifyError } from '../http/classify-error';
import type { ApiEvent, ApiResult } from '../http/types';

const logged = new Set(['internal', 'bad_gateway', 'unavailable', 'timeout']);

/**
 * Renders whatever the chain threw in the dialect's envelope. Registered first so that its
 * onError runs last. Server-side failures are logged with the request id; bodies never carry
 * stack traces, and no request header (tokens) is ever logged.
 */
export function formatErrors(dialect: Dialect): MiddlewareObj<ApiEvent, ApiResult> {
  return {
    onError: async (request) => {
      const error = classifyError(request.error);
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
      const response = dialect.renderError(error);
      request.response = { ...response, headers: { ...request.response?.headers, ...response.headers } };
    },
  };
}

function describe(cause: unknown): unknown {
  if (!(cause instanceof Error)) return cause === undefined ? undefined : String(cause);
  return { name: cause.name, message: cause.message, stack: cause.stack };
}

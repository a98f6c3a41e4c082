import type { MiddlewareObj } from '@middy/core';
import type { $ZodType, output } from 'zod/v4/core';
import type { InvalidInputHandler, RequestInput } from '../dialects/dialect';
import type { ApiContext, ApiEvent, ApiResult } from '../http/types';
import { safeParse } from '../lib/zod';

/**
 * Validates the whole request input — `{path, query, body}` — with the route's zod schema
 * (zod/mini: the classic API would add ~430 KB of locales to every bundle) and puts the typed
 * result on `context.input`; refusals go through the dialect's (or route's) handler.
 */
export function validateInput<TSchema extends $ZodType>(
  schema: TSchema,
  onInvalid: InvalidInputHandler,
): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext<output<TSchema>>> {
  return {
    before: async (request) => {
      const raw: RequestInput = {
        path: request.event.pathParameters ?? {},
        query: request.event.queryStringParameters ?? {},
        body: request.context.body,
      };
      const result = safeParse(schema, raw);
      if (!result.success) throw onInvalid(result.error.issues, raw);
      request.context.input = result.data;
    },
  };
}

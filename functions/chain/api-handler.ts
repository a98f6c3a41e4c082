import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { $ZodType, output } from 'zod/v4/core';
import type { Dialect, InvalidInputHandler } from '../dialects/dialect';
import { authenticate } from '../middleware/authenticate';
import { dialectResponse } from '../middleware/dialect-response';
import { parseJsonBody } from '../middleware/parse-json-body';
import { rateLimit } from '../middleware/rate-limit';
import { validateInput } from '../middleware/validate-input';
import type { Context } from 'aws-lambda';
import type { ApiContext, ApiEvent, ApiResult } from '../http/types';
import { runInGate } from '../lib/request-gate';
import { routeOf } from './route-of';

export interface ApiHandlerOptions<TSchema extends $ZodType> {
  /** The route table row this handler serves (its rate limit comes from there). */
  routeId: string;
  dialect: Dialect;
  /** The schema of the whole input: `{path, query, body}`. */
  input: TSchema;
  /** Overrides the dialect's mapping of invalid input, for a route whose API answers differently. */
  onInvalid?: InvalidInputHandler;
}

/**
 * The middleware chain every endpoint shares, in this order; the endpoint adds its handler last:
 * 1. dialectResponse — registered first so its after/onError run last: the dialect's envelope;
 * 2. header normalizer, JSON body parser (the dialect's body rules);
 * 3. authenticate, then the rate limit (its count starts now and overlaps the business read);
 * 4. input validation (zod) — after authentication, as Rocket.Chat orders it.
 */
export function apiHandler<TSchema extends $ZodType>(options: ApiHandlerOptions<TSchema>) {
  const { dialect } = options;
  const route = routeOf(options.routeId);
  if (route.dialect !== dialect.name) throw new Error(`Route ${route.id} is a ${route.dialect} route, not ${dialect.name}`);
  const chain = middy<ApiEvent, ApiResult, Error, ApiContext<output<TSchema>>>()
    .use(dialectResponse(dialect, route.id))
    .use(httpHeaderNormalizer())
    .use(parseJsonBody(dialect.body));
  // An anonymous route (the route table says so) has no caller: context.caller stays unset.
  if (!route.anonymous) chain.use(authenticate(dialect));
  chain.use(rateLimit(route, dialect)).use(validateInput(options.input, options.onInvalid ?? dialect.invalidInput));
  return {
    /**
     * The function's handler: the chain with `business` last, each request run in its own gate
     * (lib/request-gate.ts: the store's writes wait for the request's admission). The schema rides
     * on it, for the OpenAPI document (local/openapi.ts).
     */
    handler(business: (event: ApiEvent, context: ApiContext<output<TSchema>>) => Promise<ApiResult>) {
      chain.handler(business);
      // Lambda hands over its own context; the chain adds caller, input and admission to it.
      const run = (event: ApiEvent, context: Context): Promise<ApiResult> =>
        runInGate(() => chain(event, context as ApiContext<output<TSchema>>));
      return Object.assign(run, { inputSchema: options.input });
    },
  };
}

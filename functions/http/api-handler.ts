import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { $ZodType, output } from 'zod/v4/core';
import type { Dialect } from '../dialects/dialect';
import { authenticate } from '../middleware/authenticate';
import { dialectResponse } from '../middleware/dialect-response';
import { type ParseJsonBodyOptions, parseJsonBody } from '../middleware/parse-json-body';
import { type RateLimitOptions, rateLimit } from '../middleware/rate-limit';
import { type InvalidInputHandler, validateInput } from '../middleware/validate-input';
import { findRoute } from '../routes';
import type { ApiContext, ApiEvent, ApiResult } from './types';

export interface ApiHandlerOptions<TSchema extends $ZodType> {
  /** The route table row this handler serves (its rate limit comes from there). */
  routeId: string;
  dialect: Dialect;
  input: TSchema;
  onInvalid?: InvalidInputHandler;
  body?: ParseJsonBodyOptions;
  rateLimit?: RateLimitOptions;
}

/**
 * The middleware chain every endpoint shares, in this order; the endpoint adds its handler last:
 * 1. dialectResponse — registered first so its after/onError run last: the dialect's envelope;
 * 2. header normalizer, JSON body parser;
 * 3. rate-limit count (its increment overlaps the auth read), authenticate, rate-limit enforce;
 * 4. input validation (zod) — after authentication, as Rocket.Chat orders it.
 */
export function apiHandler<TSchema extends $ZodType>(options: ApiHandlerOptions<TSchema>) {
  const limit = rateLimit(findRoute(options.routeId), options.dialect, options.rateLimit);
  return middy<ApiEvent, ApiResult, Error, ApiContext<output<TSchema>>>()
    .use(dialectResponse(options.dialect))
    .use(httpHeaderNormalizer())
    .use(parseJsonBody(options.body))
    .use(limit.count)
    .use(authenticate(options.dialect))
    .use(limit.enforce)
    .use(validateInput(options.input, { onInvalid: options.onInvalid }));
}

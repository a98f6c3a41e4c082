import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { Context } from 'aws-lambda';
import type { $ZodType, output } from 'zod/v4/core';
import type { ApiContext, ApiEvent, ApiResult } from '../http/types';
import { runInGate } from '../lib/request-gate';
import { authenticate } from '../middleware/authenticate';
import { dialectResponse } from '../middleware/dialect-response';
import { parseJsonBody } from '../middleware/parse-json-body';
import { rateLimit } from '../middleware/rate-limit';
import { validateInput } from '../middleware/validate-input';
import type { Route } from '../routes/route';

/**
 * The middleware chain every endpoint shares, built from the route's contract, in this order; the
 * endpoint adds its handler last:
 * 1. dialectResponse — registered first so its after/onError run last: the dialect's envelope;
 * 2. header normalizer, JSON body parser (the dialect's body rules);
 * 3. authenticate, then the rate limit (its count starts now and overlaps the business read);
 * 4. input validation (zod) — after authentication, as Rocket.Chat orders it.
 */
export function apiHandler<TSchema extends $ZodType, Path extends string>(route: Route<TSchema, Path>) {
  const { dialect } = route;
  const chain = middy<ApiEvent, ApiResult, Error, ApiContext<output<TSchema>>>()
    .use(dialectResponse(dialect, route.id))
    .use(httpHeaderNormalizer())
    .use(parseJsonBody(dialect.body));
  // An anonymous route (its contract says so) has no caller: context.caller stays unset.
  if (!route.anonymous) chain.use(authenticate(dialect));
  chain.use(rateLimit(route, dialect)).use(validateInput(route.input, route.onInvalid ?? dialect.invalidInput));
  return {
    /**
     * The function's handler: the chain with `business` last, each request run in its own gate
     * (lib/request-gate.ts: the store's writes wait for the request's admission). The contract
     * rides on it, so a test can check that the entry a contract names serves that contract.
     */
    handler(business: (event: ApiEvent, context: ApiContext<output<TSchema>>) => Promise<ApiResult>) {
      chain.handler(business);
      // Lambda hands over its own context; the chain adds caller, input and admission to it.
      const run = (event: ApiEvent, context: Context): Promise<ApiResult> =>
        runInGate(() => chain(event, context as ApiContext<output<TSchema>>));
      return Object.assign(run, { route });
    },
  };
}

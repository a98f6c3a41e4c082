import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { User } from '../store/users';

export type ApiEvent = APIGatewayProxyEventV2;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** What the middleware chain hands the business handler, on middy's context. */
export interface ApiContext<TInput = unknown> extends Context {
  /** The parsed JSON body (before validation). */
  body: unknown;
  /** The validated input. */
  input: TInput;
  /** The authenticated caller. */
  caller: User;
  /** Headers to add to the response, success or error (e.g. X-RateLimit-*). */
  responseHeaders?: Record<string, string>;
}

export type HeaderMap = Record<string, string | undefined>;

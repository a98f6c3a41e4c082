import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Admission, User } from '../model';

export type ApiEvent = APIGatewayProxyEventV2;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/** What the middleware chain hands the business handler, on middy's context. */
export interface ApiContext<TInput = unknown> extends Context {
  /** The parsed JSON body (before validation). */
  body: unknown;
  /** The validated input (path, query and body, as the route's schema shapes them). */
  input: TInput;
  /** The authenticated caller. */
  caller: User;
  /** Headers to add to the response, success or error (e.g. X-RateLimit-*). */
  responseHeaders?: Record<string, string>;
  /**
   * Resolves once the request may write (the rate limit admits it), rejects with a 429 otherwise.
   * Business code awaits it alongside its first read and before any write, so the limiter's
   * round trip overlaps real work; the response is never sent before it settles.
   */
  admission: Admission;
  /** Writes that must finish before the response is returned (e.g. taking back a count). */
  background?: Promise<unknown>[];
}

export type HeaderMap = Record<string, string | undefined>;

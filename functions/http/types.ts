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
   * Set by the rate-limit middleware, also as the request gate's admission (lib/request-gate.ts):
   * the store waits for it before writing, the response before leaving. No business code sees it.
   */
  admission: Admission;
  /** Writes that must finish before the response is returned (e.g. taking back a count). */
  background?: Promise<unknown>[];
}

export type HeaderMap = Record<string, string | undefined>;

export interface RateLimitRule {
  /** Requests allowed per window. */
  limit: number;
  windowSeconds: number;
  /**
   * What a counter is kept per, besides the route: the client IP (Rocket.Chat's default), or the
   * authenticated user (counted only once authentication has succeeded).
   */
  key: 'ip' | 'user';
}

/** The fields of a route's contract the middleware reads. */
export interface RuntimeRoute {
  /** Stable id: names the Lambda function, the sample event and the local log lines. */
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** API Gateway path, `{param}` for path parameters. */
  path: string;
  /** Default rule; RATE_LIMIT=off disables, RATE_LIMIT_OVERRIDES (JSON by route id) changes it. */
  rateLimit: RateLimitRule;
  /** No authentication (the caller is anonymous); such a route must be rate-limited per client IP. */
  anonymous?: boolean;
}

/**
 * Typed errors thrown by domain and store code. Each dialect's formatter
 * (functions/dialects/*) renders them in its own envelope and status.
 */
export type ErrorKind =
  | 'invalid_request' // malformed input: bad JSON, wrong types, missing required params
  | 'unauthenticated' // no or unknown credentials
  | 'forbidden' // authenticated, but not allowed
  | 'not_found'
  | 'unprocessable' // well-formed but semantically invalid
  | 'conflict' // the target state already holds (e.g. already a member)
  | 'rate_limited'
  | 'unavailable' // upstream throttled / overloaded
  | 'timeout' // upstream deadline exceeded
  | 'bad_gateway' // upstream answered with something unusable
  | 'internal'; // a bug

export interface ServiceErrorOptions {
  /** Dialect-level reason code, e.g. Rocket.Chat's `error-room-not-found`. */
  code?: string;
  details?: Record<string, unknown>;
  /** Seconds until a rate-limited caller may retry. */
  retryAfterSeconds?: number;
  /**
   * Rocket.Chat answers some errors with `API.v1.failure(error, errorType)` instead of a Meteor
   * error: `code` then goes into `error` and the message into `errorType`, with no brackets.
   */
  rocketChatFailure?: boolean;
  /**
   * Rocket.Chat answers some errors with `API.v1.failure({error: e.message})`: the body is then only
   * `{"error": "<message> [<code>]", "success": false}`, with no `errorType`.
   */
  rocketChatErrorOnly?: boolean;
  cause?: unknown;
}

export class ServiceError extends Error {
  readonly kind: ErrorKind;
  readonly code?: string;
  readonly details?: Record<string, unknown>;
  readonly retryAfterSeconds?: number;
  readonly rocketChatFailure?: boolean;
  readonly rocketChatErrorOnly?: boolean;

  constructor(kind: ErrorKind, message: string, options: ServiceErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ServiceError';
    this.kind = kind;
    this.code = options.code;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.rocketChatFailure = options.rocketChatFailure;
    this.rocketChatErrorOnly = options.rocketChatErrorOnly;
  }
}

export const isServiceError = (error: unknown): error is ServiceError => error instanceof ServiceError;

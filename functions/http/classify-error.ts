import { type ErrorKind, isServiceError, ServiceError } from '../errors';

const throttled = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);
const timedOut = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError']);
const unreachable = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
const badResponse = new Set(['InternalServerError', 'InternalFailure', 'SerializationException']);
/**
 * DynamoDB's refusals of a value too large for a key or an item: only request data can make one
 * (every other key part is generated), so they are the caller's error, never an upstream fault.
 */
const tooLargeForTheTable =
  /primary key values must be under|size of hashkey has exceeded|size of all range keys has exceeded|item size (to update )?has exceeded/i;

const messages: Record<ErrorKind, string> = {
  invalid_request: 'Invalid request',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  unprocessable: 'Unprocessable request',
  conflict: 'Conflict',
  rate_limited: 'Too many requests',
  unavailable: 'The service is temporarily unavailable, try again later',
  timeout: 'The database did not answer in time, try again later',
  bad_gateway: 'The database returned an invalid response',
  internal: 'Internal server error',
};

/**
 * Turns anything thrown into a ServiceError. AWS SDK failures that survive its retries map onto
 * the upstream statuses (throttling → unavailable, deadline → timeout, unusable answer → bad
 * gateway). A ValidationException is never upstream's fault: a value too large for the table is
 * the request's (invalid_request), any other is a request this code built wrong (internal), as is
 * anything else. Messages never carry internals.
 */
export function classifyError(error: unknown): ServiceError {
  if (isServiceError(error)) return error;
  const e = error as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number }; $response?: unknown };
  const name = e?.name ?? '';
  if (name === 'ValidationException') {
    const kind: ErrorKind = tooLargeForTheTable.test(e.message ?? '') ? 'invalid_request' : 'internal';
    return new ServiceError(kind, kind === 'invalid_request' ? 'A request value is too long' : messages.internal, { cause: error });
  }
  const kind: ErrorKind = throttled.has(name)
    ? 'unavailable'
    : timedOut.has(name) || e?.code === 'ETIMEDOUT'
      ? 'timeout'
      : unreachable.has(e?.code ?? '') || unreachable.has(name)
        ? 'unavailable'
        : badResponse.has(name) || (e?.$metadata?.httpStatusCode ?? 0) >= 500 || e?.$response !== undefined
          ? 'bad_gateway'
          : 'internal';
  return new ServiceError(kind, messages[kind], { cause: error });
}

import type { Credentials, Dialect } from '../dialects/dialect';
import { isServiceError, type ServiceError } from '../errors';
import type { HeaderMap } from '../http/types';
import { hashToken } from '../lib/ids';

export type HashedCredentials = Credentials & { tokenHash: string };

const byRequest = new WeakMap<object, HashedCredentials | ServiceError>();

/**
 * The request's credentials as its dialect reads them, with the token's SHA-256, worked out once
 * per request (the rate limiter and authentication both need them).
 */
export function requestCredentials(context: object, headers: HeaderMap, dialect: Dialect): HashedCredentials | ServiceError {
  let credentials = byRequest.get(context);
  if (!credentials) {
    const read = dialect.credentials(headers);
    credentials = isServiceError(read) ? read : { ...read, tokenHash: hashToken(read.token) };
    byRequest.set(context, credentials);
  }
  return credentials;
}

/**
 * Berty protocol over grpc-gateway (v1, 2020): `Authorization: Bearer`, an empty body is the
 * empty message, errors are `DefaultHTTPError` bodies `{"error", "code", "message"}` with
 * `error` == `message`, the HTTP status from the gRPC code, and messages in Berty's
 * `Name(#code): text` form where a Berty error code fits.
 */
import type { ErrorKind } from '../../errors';
import { ServiceError } from '../../errors';
import { jsonResponse } from '../../http/json-response';
import type { ApiResult } from '../../http/types';
import { describeIssues } from '../../lib/zod-issues';
import { type Dialect, errorEnvelope, type InvalidInputHandler } from '../dialect';

/** gRPC status codes used here, and grpc-gateway's HTTP status for each. */
export const grpcCodes = {
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  Internal: 13,
  Unavailable: 14,
  Unauthenticated: 16,
} as const;

const httpStatusOf: Record<number, number> = { 3: 400, 4: 504, 5: 404, 6: 409, 7: 403, 8: 429, 13: 500, 14: 503, 16: 401 };

const grpcCodeOf: Record<ErrorKind, number> = {
  invalid_request: grpcCodes.InvalidArgument,
  unprocessable: grpcCodes.InvalidArgument,
  unauthenticated: grpcCodes.Unauthenticated,
  forbidden: grpcCodes.PermissionDenied,
  not_found: grpcCodes.NotFound,
  conflict: grpcCodes.AlreadyExists,
  rate_limited: grpcCodes.ResourceExhausted,
  unavailable: grpcCodes.Unavailable,
  timeout: grpcCodes.DeadlineExceeded,
  bad_gateway: grpcCodes.Internal,
  internal: grpcCodes.Internal,
};

/** Berty's 2020 error codes (go/pkg/errcode). */
export const bertyErrorCodes: Record<string, number> = {
  ErrInvalidInput: 100,
  ErrMissingInput: 101,
  ErrDeserialization: 103,
  ErrCryptoSignatureVerification: 204,
  ErrGroupMemberUnknownGroupID: 1202,
  ErrGroupInvalidType: 1205,
  ErrGroupMissing: 1206,
  ErrNotImplemented: 777,
  ErrInternal: 888,
};

/** Server-side messages are fixed: the cause stays in the logs. */
const fixedMessages: Partial<Record<ErrorKind, string>> = {
  internal: 'ErrInternal(#888): internal error',
  bad_gateway: 'ErrInternal(#888): invalid response from the datastore',
  unavailable: 'ErrInternal(#888): service temporarily unavailable, try again later',
  timeout: 'ErrInternal(#888): datastore deadline exceeded',
};

/** `ErrGroupMemberUnknownGroupID(#1202): unknown group or not activated yet`. */
export function bertyMessage(error: ServiceError): string {
  const fixed = fixedMessages[error.kind];
  if (fixed) return fixed;
  if (error.kind === 'rate_limited') return `rate limit exceeded: try again in ${error.retryAfterSeconds ?? 60} seconds`;
  const number = error.code ? bertyErrorCodes[error.code] : undefined;
  if (number === undefined) return error.message;
  return error.message ? `${error.code}(#${number}): ${error.message}` : `${error.code}(#${number})`;
}

/** Every decoding failure is InvalidArgument (3 / 400); a bad base64 reads exactly as Go's. */
const protoInvalid: InvalidInputHandler = (issues) => {
  const base64 = issues.find((issue) => issue.message.startsWith('illegal base64 data'));
  return new ServiceError('invalid_request', base64 ? base64.message : describeIssues(issues));
};

export const berty = {
  name: 'berty',
  credentialDocs: '`Authorization: Bearer`',
  authHeaders: ({ token }) => ({ Authorization: `Bearer ${token}` }),
  credentials(headers) {
    const authorization = headers.authorization;
    if (!authorization) return new ServiceError('unauthenticated', 'authorization header is required', { code: 'ErrMissingInput' });
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match) return new ServiceError('unauthenticated', 'authorization must be "Bearer <token>"', { code: 'ErrInvalidInput' });
    // Two Authorization headers reach us joined with a comma (API Gateway): no single bearer token.
    if (match[1]!.includes(',')) {
      return new ServiceError('unauthenticated', 'authorization must be one "Bearer <token>"', { code: 'ErrInvalidInput' });
    }
    return { token: match[1]! };
  },
  rejectedCredentials: () => new ServiceError('unauthenticated', 'invalid, revoked or expired bearer token', { code: 'ErrInvalidInput' }),
  body: { emptyBody: 'empty-object' },
  invalidInput: protoInvalid,
  docs: {
    securitySchemes: {
      bertyBearer: {
        type: 'http',
        scheme: 'bearer',
        description:
          "A user's auth token (without `Bearer `): locally ADMIN_TOKEN (or BOB_TOKEN, …) from .local/demo.env, the `authToken=` npm start prints",
      },
    },
    error: errorEnvelope(
      { error: { type: 'string' }, code: { type: 'integer' }, message: { type: 'string' } },
      ['error', 'code', 'message'],
      {
        error: 'ErrGroupMemberUnknownGroupID(#1202): unknown group or not activated yet',
        code: 5,
        message: 'ErrGroupMemberUnknownGroupID(#1202): unknown group or not activated yet',
      },
    ),
  },
  renderError(error): ApiResult {
    const code = grpcCodeOf[error.kind];
    const message = bertyMessage(error);
    return jsonResponse(
      httpStatusOf[code]!,
      { error: message, code, message },
      error.kind === 'rate_limited' ? { 'retry-after': String(error.retryAfterSeconds ?? 60) } : {},
    );
  },
  /** 200 with the reply message; zero-valued fields are already left out by the caller. */
  success: (reply) => jsonResponse(200, reply),
} as const satisfies Dialect<'berty'>;

/**
 * The service's own webhook management API (docs/webhooks.md): `Authorization: Bearer <operator
 * key>` (a key the admin CLI issues, stored hashed as every token is), errors as
 * `{"error": {"code", "message"}}` with the HTTP status of their kind, replies as plain JSON.
 */
import type { ErrorKind } from '../../errors';
import { ServiceError } from '../../errors';
import { jsonResponse } from '../../http/json-response';
import { describeIssues } from '../../lib/zod-issues';
import { type Dialect, errorEnvelope } from '../dialect';

const statusOf: Record<ErrorKind, number> = {
  invalid_request: 400,
  unprocessable: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  unavailable: 503,
  timeout: 504,
  bad_gateway: 502,
  internal: 500,
};

/** Server-side messages are fixed: the cause stays in the logs. */
const fixedMessages: Partial<Record<ErrorKind, string>> = {
  internal: 'internal error',
  bad_gateway: 'the datastore answered with something unusable',
  unavailable: 'service temporarily unavailable, try again later',
  timeout: 'the datastore did not answer in time',
};

export const webhooksApi = {
  name: 'webhooks',
  credentialDocs: '`Authorization: Bearer <operator key>`',
  authHeaders: ({ token }) => ({ Authorization: `Bearer ${token}` }),
  credentials(headers) {
    const authorization = headers.authorization;
    if (!authorization)
      return new ServiceError('unauthenticated', 'an Authorization: Bearer <operator key> header is required', { code: 'unauthenticated' });
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match || match[1]!.includes(','))
      return new ServiceError('unauthenticated', 'Authorization must be one "Bearer <operator key>"', { code: 'unauthenticated' });
    return { token: match[1]! };
  },
  rejectedCredentials: () => new ServiceError('unauthenticated', 'unknown, revoked or expired operator key', { code: 'unauthenticated' }),
  body: { emptyBody: 'empty-object' },
  invalidInput: (issues) => new ServiceError('invalid_request', describeIssues(issues), { code: 'invalid-request' }),
  docs: {
    securitySchemes: {
      operatorKey: {
        type: 'http',
        scheme: 'bearer',
        description: 'An operator key (`npm run admin -- webhook key create`); locally OPERATOR_TOKEN from .local/demo.env',
      },
    },
    error: errorEnvelope(
      {
        error: {
          type: 'object',
          properties: { code: { type: 'string' }, message: { type: 'string' } },
          required: ['code', 'message'],
        },
      },
      ['error'],
      { error: { code: 'invalid-url', message: 'url: the URL must be https' } },
    ),
  },
  renderError(error) {
    return jsonResponse(
      statusOf[error.kind],
      { error: { code: error.code ?? error.kind.replace(/_/g, '-'), message: fixedMessages[error.kind] ?? error.message } },
      error.kind === 'rate_limited' ? { 'retry-after': String(error.retryAfterSeconds ?? 60) } : {},
    );
  },
  success: (reply) => jsonResponse(200, reply),
} as const satisfies Dialect<'webhooks'>;

/**
 * QuranReflect (Quran.Foundation User APIs): x-auth-token + x-client-id, JSON bodies, `{"success":
 * true, "data"}` and the error envelope `{"message", "type", "success": false}`.
 */
import type { ErrorKind } from '../../errors';
import { ServiceError } from '../../errors';
import { jsonResponse } from '../../http/json-response';
import type { ApiResult } from '../../http/types';
import { describeIssues, issuePart } from '../../lib/zod-issues';
import { type Dialect, errorEnvelope, headerKey, type InvalidInputHandler } from '../dialect';

const statusOf: Record<ErrorKind, [number, string]> = {
  invalid_request: [400, 'invalid_request'],
  unauthenticated: [401, 'unauthorized'],
  forbidden: [403, 'forbidden'],
  not_found: [404, 'not_found'],
  unprocessable: [422, 'unprocessable_entity'],
  conflict: [422, 'unprocessable_entity'],
  rate_limited: [429, 'rate_limit_exceeded'],
  internal: [500, 'internal_server_error'],
  bad_gateway: [502, 'bad_gateway'],
  unavailable: [503, 'service_unavailable'],
  timeout: [504, 'gateway_timeout'],
};

/** Server-side messages are fixed: the cause stays in the logs. */
const fixedMessages: Partial<Record<ErrorKind, string>> = {
  internal: 'An unexpected error occurred on the server',
  bad_gateway: 'The server received an invalid response from an upstream server',
  unavailable: 'The server is temporarily unable to handle the request, try again later',
  timeout: 'The server did not receive a timely response from an upstream server',
};

/** The raw input's value at an issue's path (`undefined` when absent). */
function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let value = raw;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/**
 * Malformed path or query parameters, a body that is not an object and missing required fields
 * are 400 `invalid_request`; a well-formed body that breaks a rule is 422 `unprocessable_entity`.
 */
const invalidInput: InvalidInputHandler = (issues, raw) => {
  const missing = issues.find(
    (issue) =>
      issuePart(issue) !== 'body' ||
      (issue.code === 'invalid_type' && (issue.path.length === 1 || valueAt(raw, issue.path) === undefined)) ||
      (issue.code === 'custom' && issue.params?.missing === true),
  );
  if (missing) return new ServiceError('invalid_request', describeIssues([missing]));
  return new ServiceError('unprocessable', describeIssues(issues));
};

export const quranReflect = {
  name: 'quranreflect',
  credentialDocs: '`x-auth-token` + `x-client-id`',
  authHeaders: ({ token, clientId }) => ({ 'x-auth-token': token, 'x-client-id': clientId ?? '' }),
  credentials(headers) {
    const token = headers['x-auth-token'];
    const clientId = headers['x-client-id'];
    if (!token) return new ServiceError('unauthenticated', 'The request requires user authentication: x-auth-token header is missing');
    // A header sent twice reaches us joined with a comma (API Gateway): ambiguous, so refused.
    if (token.includes(',') || clientId?.includes(',')) {
      return new ServiceError('unauthenticated', 'The request carries more than one x-auth-token or x-client-id');
    }
    if (!clientId) return new ServiceError('invalid_request', 'The request is missing the required x-client-id header');
    return { token, clientId };
  },
  rejectedCredentials: () => new ServiceError('forbidden', 'The access token or client id is invalid, revoked or expired'),
  body: { emptyBody: 'undefined' },
  invalidInput: invalidInput,
  docs: {
    securitySchemes: {
      quranReflectToken: headerKey(
        'x-auth-token',
        "A user's auth token: locally ADMIN_TOKEN (or BOB_TOKEN, …) from .local/demo.env, the `authToken=` npm start prints",
      ),
      quranReflectClient: headerKey(
        'x-client-id',
        'A registered API client id: locally `demo-client` (CLIENT_ID in .local/demo.env); deployed, one made with `admin client add`',
      ),
    },
    error: errorEnvelope(
      { message: { type: 'string' }, type: { type: 'string' }, success: { const: false } },
      ['message', 'type', 'success'],
      { message: 'Room 7 not found', type: 'not_found', success: false },
    ),
  },
  renderError(error): ApiResult {
    const [status, type] = statusOf[error.kind];
    const message =
      error.kind === 'rate_limited'
        ? `Too many requests, try again in ${error.retryAfterSeconds ?? 60} seconds`
        : (fixedMessages[error.kind] ?? error.message);
    return jsonResponse(
      status,
      { message, type, success: false },
      error.kind === 'rate_limited' ? { 'retry-after': String(error.retryAfterSeconds ?? 60) } : {},
    );
  },
  /** 200 `{"success": true, "data": ...}`. */
  success: (data) => jsonResponse(200, { success: true, data }),
} as const satisfies Dialect<'quranreflect'>;

/** The Rooms API's bare replies (`{"accepted": true}`, 201 `{"success": true, "data"}`, …). */
export const roomsReply = (body: Record<string, unknown>, status = 200): ApiResult => jsonResponse(status, body);

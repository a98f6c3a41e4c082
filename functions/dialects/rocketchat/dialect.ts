/**
 * Rocket.Chat REST API (apps/meteor/app/api/server/api.ts): X-Auth-Token + X-User-Id, JSON
 * bodies (empty: no params), `{..., "success": true}` and its error bodies, X-RateLimit-* headers
 * and the `api-bypass-rate-limit` permission.
 */
import { ServiceError } from '../../errors';
import { holdsBypassPermission } from './domain/permissions';
import { jsonResponse } from '../../http/json-response';
import type { ApiResult } from '../../http/types';
import { describeIssues } from '../../lib/zod-issues';
import { type Dialect, errorEnvelope, headerKey } from '../dialect';

const NOT_LOGGED_IN = 'You must be logged in to do this.';
const responseHeaders = { 'cache-control': 'no-store', pragma: 'no-cache' };

const unauthenticated = () => new ServiceError('unauthenticated', NOT_LOGGED_IN);

function body(error: ServiceError): [number, Record<string, unknown>] {
  switch (error.kind) {
    case 'unauthenticated':
      return [401, { success: false, error: NOT_LOGGED_IN, status: 'error', message: NOT_LOGGED_IN }];
    case 'rate_limited':
      return [
        429,
        {
          success: false,
          error: `Error, too many requests. Please slow down. You must wait ${error.retryAfterSeconds ?? 60} seconds before trying this endpoint again. [error-too-many-requests]`,
        },
      ];
    case 'unavailable':
      return [503, { success: false, error: 'Service unavailable' }];
    case 'timeout':
      return [504, { success: false, error: 'Gateway timeout' }];
    case 'bad_gateway':
      return [502, { success: false, error: 'Bad gateway' }];
    case 'internal':
      return [500, { success: false, error: 'Internal server error' }];
    default: {
      // Rocket.Chat reports every method error, even "not allowed", as 400.
      if (!error.code) return [400, { success: false, error: error.message }];
      if (error.rocketChatFailure) return [400, { success: false, error: error.code, errorType: error.message }];
      // Meteor.Error's message: "<reason> [<error>]", or "[<error>]" without a reason.
      const message = error.message ? `${error.message} [${error.code}]` : `[${error.code}]`;
      if (error.rocketChatErrorOnly) return [400, { error: message, success: false }];
      return [
        400,
        {
          success: false,
          error: message,
          errorType: error.code,
          ...(error.details ? { details: error.details } : {}),
        },
      ];
    }
  }
}

export const rocketChat = {
  name: 'rocketchat',
  credentialDocs: '`X-Auth-Token` + `X-User-Id`',
  authHeaders: ({ token, userId }) => ({ 'X-Auth-Token': token, 'X-User-Id': userId }),
  credentials(headers) {
    const token = headers['x-auth-token'];
    const claimedUserId = headers['x-user-id'];
    // A header sent twice reaches us joined with a comma (API Gateway): ambiguous, so refused.
    if (token?.includes(',') || claimedUserId?.includes(',')) return unauthenticated();
    return token && claimedUserId ? { token, claimedUserId } : unauthenticated();
  },
  rejectedCredentials: unauthenticated,
  body: { emptyBody: 'undefined', forms: true },
  invalidInput: (issues) => new ServiceError('invalid_request', describeIssues(issues)),
  rateLimit: { headers: true, bypass: holdsBypassPermission },
  docs: {
    securitySchemes: {
      rocketChatToken: headerKey(
        'X-Auth-Token',
        "A user's auth token: locally ADMIN_TOKEN (or BOB_TOKEN, …) from .local/demo.env, the `authToken=` npm start prints",
      ),
      rocketChatUserId: headerKey(
        'X-User-Id',
        "The same user's `_id`: locally ADMIN_ID (or BOB_ID, …) from .local/demo.env, the `_id=` npm start prints",
      ),
    },
    error: errorEnvelope(
      { success: { const: false }, error: { type: 'string' }, errorType: { type: 'string' }, details: { type: 'object' } },
      ['success', 'error'],
      {
        success: false,
        error: 'The required "roomId" or "roomName" param provided does not match any channel [error-room-not-found]',
        errorType: 'error-room-not-found',
      },
    ),
  },
  renderError(error): ApiResult {
    const [status, payload] = body(error);
    return jsonResponse(status, payload, responseHeaders);
  },
  /** 200 `{...payload, "success": true}`. */
  success: (payload) => jsonResponse(200, { ...payload, success: true }, responseHeaders),
} as const satisfies Dialect<'rocketchat'>;

/** A bare 200 body (Rocket.Chat's `API.v1.success` of an array or a boolean: no `success` key survives). */
export const rocketChatReply = (body: unknown): ApiResult => jsonResponse(200, body, responseHeaders);

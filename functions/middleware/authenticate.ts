import type { MiddlewareObj } from '@middy/core';
import type { Dialect } from '../dialects/dialect';
import { isServiceError } from '../errors';
import type { ApiContext, ApiEvent, ApiResult } from '../http/types';
import { hashToken } from '../lib/ids';
import { apiClientExists } from '../store/api-clients';
import { findUserByTokenHash } from '../store/tokens';

/**
 * Resolves the dialect's credentials headers to a user (context.caller) or raises the dialect's
 * refusal. A client id, where the dialect has one, is checked alongside the token read.
 */
export function authenticate(dialect: Dialect): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> {
  return {
    before: async (request) => {
      const credentials = dialect.credentials(request.event.headers ?? {});
      if (isServiceError(credentials)) throw credentials;
      const [user, clientKnown] = await Promise.all([
        findUserByTokenHash(hashToken(credentials.token), credentials.claimedUserId),
        credentials.clientId === undefined ? true : apiClientExists(credentials.clientId),
      ]);
      if (!user || user.active === false || !clientKnown) throw dialect.rejectedCredentials();
      request.context.caller = user;
    },
  };
}

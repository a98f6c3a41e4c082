import type { MiddlewareObj } from '@middy/core';
import type { Dialect } from '../dialects/dialect';
import { isServiceError } from '../errors';
import type { ApiContext, ApiEvent, ApiResult } from '../http/types';
import { apiClientExists } from '../store/api-clients';
import { findUserByToken } from '../store/tokens';
import { credentialsInBounds } from './credential-bounds';

/**
 * Resolves the dialect's credentials headers to a user (context.caller) or raises the dialect's
 * refusal. A client id, where the dialect has one, is checked alongside the token read. The
 * claimed user (a header, or the user the token names) lets token and user be read at once.
 * Credentials out of bounds (credential-bounds.ts) are refused before any read, as unknown ones.
 */
export function authenticate(dialect: Dialect): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> {
  return {
    before: async (request) => {
      const credentials = dialect.credentials(request.event.headers ?? {});
      if (isServiceError(credentials)) throw credentials;
      if (!credentialsInBounds(credentials)) throw dialect.rejectedCredentials();
      const [user, clientKnown] = await Promise.all([
        findUserByToken(credentials.token, credentials.claimedUserId),
        credentials.clientId === undefined ? true : apiClientExists(credentials.clientId),
      ]);
      if (!user || user.active === false || !clientKnown) throw dialect.rejectedCredentials();
      request.context.caller = user;
    },
  };
}

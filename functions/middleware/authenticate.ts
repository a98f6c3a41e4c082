import type { MiddlewareObj } from '@middy/core';
import type { Dialect } from '../dialects/dialect';
import { isServiceError } from '../errors';
import type { ApiContext, ApiEvent, ApiResult } from '../http/types';
import { findUserByToken } from '../store/tokens';

/** Resolves the dialect's credentials headers to a user (context.caller) or raises the dialect's refusal. */
export function authenticate(dialect: Dialect): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> {
  return {
    before: async (request) => {
      const credentials = dialect.credentials(request.event.headers ?? {});
      if (isServiceError(credentials)) throw credentials;
      const user = await findUserByToken(credentials.token, credentials.claimedUserId);
      if (!user || user.active === false) throw dialect.rejectedCredentials();
      request.context.caller = user;
    },
  };
}

import type { MiddlewareObj } from '@middy/core';
import type { Credentials, Dialect } from '../dialects/dialect';
import { accountOfIdentity } from '../domain/identities';
import { createUser, type NewUser } from '../domain/users';
import { isServiceError, ServiceError } from '../errors';
import type { ApiContext, ApiEvent, ApiResult } from '../http/types';
import { type TrustedIssuer, trustedIssuers } from '../identity/trusted-issuers';
import { looksLikeJwt, verifyAccessToken } from '../identity/verify-access-token';
import { TtlCache } from '../lib/cache';
import { clock } from '../lib/clock';
import type { User } from '../model';
import { cachePolicies } from '../policies';
import { apiClientExists } from '../store/api-clients';
import { findUserByToken } from '../store/tokens';
import { findIdentityAccount } from '../store/identities';
import { credentialsInBounds } from './credential-bounds';

/**
 * Resolves the dialect's credentials headers to a user (context.caller) or raises the dialect's
 * refusal. Two kinds of token: one this service minted (read with its user in one round trip), or
 * an access token (a JWT) from an OIDC issuer the stage trusts (functions/identity/). A client id, where
 * the dialect has one, is checked alongside. Credentials out of bounds (credential-bounds.ts) are
 * refused before any read, as unknown ones.
 */
export function authenticate(dialect: Dialect): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> {
  return {
    before: async (request) => {
      const credentials = dialect.credentials(request.event.headers ?? {});
      if (isServiceError(credentials)) throw credentials;
      const issuers = trustedIssuers();
      const outside = issuers.length > 0 && looksLikeJwt(credentials.token);
      if (!credentialsInBounds(credentials, { accessToken: outside })) throw dialect.rejectedCredentials();
      const [user, clientKnown] = await Promise.all([
        outside ? accountOfAccessToken(credentials, issuers) : findUserByToken(credentials.token, credentials.claimedUserId),
        credentials.clientId === undefined ? true : apiClientExists(credentials.clientId),
      ]);
      if (!user || user.active === false || !clientKnown) throw dialect.rejectedCredentials();
      request.context.caller = user;
    },
  };
}

/** Known accounts of outside identities, by id (as token lookups are cached: cachePolicies.tokens). */
const accounts = new TtlCache<string, User>(cachePolicies.tokens);
const identityStore = {
  getUser: async (id: string) => {
    const cached = accounts.get(id);
    if (cached) return cached;
    const user = await findIdentityAccount(id);
    if (user) accounts.set(id, user);
    return user;
  },
  createUser: async (input: NewUser) => {
    const user = await createUser(input);
    accounts.set(user._id, user);
    return user;
  },
};

/**
 * The account of a verified access token (made on first sight), or undefined when the token is
 * refused or names another user than the one claimed (Rocket.Chat's X-User-Id must be the
 * account's `_id`). Keys that cannot be fetched, none cached fitting: 503, in the dialect's envelope.
 */
async function accountOfAccessToken(credentials: Credentials, issuers: TrustedIssuer[]): Promise<User | undefined> {
  const verified = await verifyAccessToken(credentials.token, issuers, clock.nowSeconds());
  if (verified === 'unavailable') throw new ServiceError('unavailable', 'the identity provider cannot be reached');
  if (verified === 'refused') return undefined;
  const { claims, issuer } = verified;
  const user = await accountOfIdentity(
    {
      issuer: issuer.issuer,
      subject: verified.subject,
      username: claims[issuer.claims.username],
      name: claims[issuer.claims.name],
      email: claims[issuer.claims.email],
      emailVerified: claims.email_verified,
    },
    identityStore,
  );
  // Rocket.Chat's X-User-Id: the account's _id, or the token's own subject (a client's first call knows no _id yet).
  const claimed = credentials.claimedUserId;
  return claimed === undefined || claimed === user._id || claimed === verified.subject ? user : undefined;
}

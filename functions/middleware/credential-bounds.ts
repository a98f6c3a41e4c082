/**
 * The shape of each credential field, checked before any read: every one of them becomes part of
 * a DynamoDB key (the token's user id prefix, the claimed user, the client id), so anything longer
 * or stranger than a real credential is refused as unknown credentials, not sent to DynamoDB.
 */
import type { Credentials } from '../dialects/dialect';
import { MAX_ACCESS_TOKEN_BYTES } from '../identity/verify-access-token';
import { fitsKeyPart, type KeyPartRule } from '../lib/key-part';

/**
 * Tokens: `<user _id>.<43 base64url>` (ours) or Rocket.Chat's 43-character secrets; base64
 * padding and '+', '/' tolerated for tokens issued elsewhere. User and client ids: Meteor ids
 * (17 characters), names such as `rocket.cat`, `demo-client`. Commas never (a repeated header).
 */
export const credentialRules: Record<keyof Credentials, KeyPartRule> = {
  token: { maxBytes: 256, pattern: /^[A-Za-z0-9._~+/=-]+$/ },
  claimedUserId: { maxBytes: 128, pattern: /^[A-Za-z0-9._-]+$/ },
  clientId: { maxBytes: 128, pattern: /^[A-Za-z0-9._-]+$/ },
};

/** An access token from an outside issuer (a JWT): longer, never part of a key, and verified before any read. */
export const accessTokenRule: KeyPartRule = { maxBytes: MAX_ACCESS_TOKEN_BYTES, pattern: /^[A-Za-z0-9_.-]+$/ };

/** Whether every credential the dialect found has the shape of a real one. */
export function credentialsInBounds(credentials: Credentials, options: { accessToken?: boolean } = {}): boolean {
  return (Object.keys(credentialRules) as (keyof Credentials)[]).every((field) => {
    const value = credentials[field];
    const rule = field === 'token' && options.accessToken ? accessTokenRule : credentialRules[field];
    return value === undefined || fitsKeyPart(value, rule);
  });
}

/**
 * Verifies an access token from a trusted OIDC issuer as RFC 8725 asks, with `jose`: bounded size
 * before any parsing; the issuer's keys only (its JWKS, cached per function instance and fetched
 * again for an unknown `kid` at most once a minute); an allow-list of asymmetric algorithms (never
 * `none`, never an HMAC, so never a public key used as an HMAC secret); `iss` exact; `aud`, or
 * `azp`/`client_id` where the issuer sends no `aud`; `exp`, `nbf` and `iat` within 60 s of skew; a
 * bounded `sub`. Any refusal is "unknown credentials"; only keys that cannot be fetched, with none
 * cached that fit, are "unavailable".
 */
import { createRemoteJWKSet, decodeJwt, errors, type JWTPayload, jwtVerify } from 'jose';
import type { TrustedIssuer } from './trusted-issuers';

export const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'EdDSA'];
export const MAX_ACCESS_TOKEN_BYTES = 8192;
export const MAX_SUBJECT_LENGTH = 255;
const CLOCK_SKEW_SECONDS = 60;
const JWKS_COOLDOWN_MS = 60_000;
const FETCH_TIMEOUT_MS = 3_000;

export interface VerifiedToken {
  issuer: TrustedIssuer;
  subject: string;
  claims: JWTPayload;
}

export type Verification = VerifiedToken | 'refused' | 'unavailable';

/** A compact JWS: three base64url parts, the header a JSON object. */
export const looksLikeJwt = (token: string) => /^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token);

type KeySet = ReturnType<typeof createRemoteJWKSet>;
const keySets = new Map<string, Promise<KeySet>>();

/** The issuer's key set: its JWKS URL as configured, or from its discovery document (whose `issuer` must be it). */
function keySetOf(issuer: TrustedIssuer): Promise<KeySet> {
  let keySet = keySets.get(issuer.issuer);
  if (!keySet) {
    keySet = (async () => {
      const jwksUri = issuer.jwksUri ?? (await discoveredJwksUri(issuer.issuer));
      return createRemoteJWKSet(new URL(jwksUri), { cooldownDuration: JWKS_COOLDOWN_MS, timeoutDuration: FETCH_TIMEOUT_MS });
    })();
    // A failed discovery is tried again by the next request, not remembered.
    keySet.catch(() => keySets.delete(issuer.issuer));
    keySets.set(issuer.issuer, keySet);
  }
  return keySet;
}

async function discoveredJwksUri(issuer: string): Promise<string> {
  const response = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, {
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    redirect: 'error',
  });
  if (!response.ok) throw new Error(`discovery of ${issuer}: HTTP ${response.status}`);
  const document = (await response.json()) as { issuer?: string; jwks_uri?: string };
  if (document.issuer !== issuer || typeof document.jwks_uri !== 'string') throw new Error(`discovery of ${issuer}: not its document`);
  return document.jwks_uri;
}

/** Whether the token is for us: an accepted `aud`; or, without `aud`, an accepted `azp` / `client_id`; or keys that are one client's. */
function forUs(issuer: TrustedIssuer, claims: JWTPayload): boolean {
  const audiences = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (audiences.length) return audiences.some((audience) => issuer.audiences?.includes(audience) ?? false);
  const party = claims.azp ?? claims.client_id;
  if (typeof party === 'string' && issuer.authorizedParties) return issuer.authorizedParties.includes(party);
  // No audience, no party: for us only when the keys themselves are one client's.
  return issuer.clientBoundKeys === true;
}

/** Errors that mean "this token is not acceptable" (anything else from jose is the key set being out of reach). */
const REFUSALS = [
  errors.JOSEAlgNotAllowed,
  errors.JWSInvalid,
  errors.JWTInvalid,
  errors.JWSSignatureVerificationFailed,
  errors.JWTExpired,
  errors.JWTClaimValidationFailed,
  errors.JWKSNoMatchingKey,
  errors.JWKSMultipleMatchingKeys,
  errors.JOSENotSupported,
  errors.JWKInvalid,
];

export async function verifyAccessToken(token: string, issuers: readonly TrustedIssuer[], nowSeconds: number): Promise<Verification> {
  if (Buffer.byteLength(token) > MAX_ACCESS_TOKEN_BYTES || !looksLikeJwt(token)) return 'refused';
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(token);
  } catch {
    return 'refused';
  }
  // Only to pick whose keys to try: the signature, checked next, covers `iss` too.
  const issuer = issuers.find((candidate) => candidate.issuer === unverified.iss);
  if (!issuer) return 'refused';
  let keySet: KeySet;
  try {
    keySet = await keySetOf(issuer);
  } catch {
    return 'unavailable';
  }
  try {
    const { payload } = await jwtVerify(token, keySet, {
      issuer: issuer.issuer,
      algorithms: ALGORITHMS,
      clockTolerance: CLOCK_SKEW_SECONDS,
      currentDate: new Date(nowSeconds * 1000),
      requiredClaims: ['sub', 'exp'],
    });
    if (typeof payload.iat === 'number' && payload.iat > nowSeconds + CLOCK_SKEW_SECONDS) return 'refused';
    if (!payload.sub || payload.sub.length > MAX_SUBJECT_LENGTH || !forUs(issuer, payload)) return 'refused';
    return { issuer, subject: payload.sub, claims: payload };
  } catch (error) {
    if (REFUSALS.some((refusal) => error instanceof refusal)) return 'refused';
    return 'unavailable';
  }
}

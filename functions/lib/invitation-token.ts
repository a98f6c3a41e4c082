/**
 * Invitation tokens that the table cannot give away: a token is the HMAC-SHA256 of the
 * invitation's key and a random nonce under a key the table never holds. The table keeps the
 * nonce (so the stream consumer, which holds the key, can rebuild the accept link for the event)
 * and the token's SHA-256 (so accepting needs no key); a dump of the table alone yields no token.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { hashToken } from './ids';

/** The token of an invitation stored under `pk`/`sk` with this nonce: 256 bits, base64url. */
export const invitationToken = (key: Buffer, pk: string, sk: string, nonce: string): string =>
  createHmac('sha256', key).update(`${pk}\n${sk}\n${nonce}`).digest('base64url');

/** A new token for the invitation stored under `pk`/`sk`: the clear token, its nonce and its hash. */
export function issueInvitationToken(key: Buffer, pk: string, sk: string): { token: string; tokenNonce: string; tokenHash: string } {
  const tokenNonce = randomBytes(16).toString('base64url');
  const token = invitationToken(key, pk, sk, tokenNonce);
  return { token, tokenNonce, tokenHash: hashToken(token) };
}

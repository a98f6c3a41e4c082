/**
 * Invite link tokens the table cannot give away (as QuranReflect's invitation tokens,
 * lib/invitation-token.ts): a token is an HMAC of a stored nonce under the invitation-token key,
 * and the link is stored under the token's SHA-256. A dump of the table yields no token; the
 * routes that must show a link's token again (findOrCreateInvite's reuse, listInvites of `id`
 * links) rebuild it with the key.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { hashToken, idFromDigests } from '../../../lib/ids';

/** What new links are: `separate` (upstream's split: public `_id`, secret `inviteToken`) or `id` (7.x: `_id` is the token). */
export type NewLinkStyle = 'separate' | 'id';

/** The stage's setting RC_INVITE_TOKENS: `id` for 7.x clients that send a link's `_id` as its token; default `separate`. */
export const newLinkStyle = (env: NodeJS.ProcessEnv = process.env): NewLinkStyle => (env.RC_INVITE_TOKENS === 'id' ? 'id' : 'separate');

/** An `id` link's token: 23 characters of Meteor's alphabet (~133 bits), as this service's 7.x links. */
const ID_TOKEN_LENGTH = 23;

const mac = (key: Buffer, nonce: string, round: number) =>
  createHmac('sha256', key).update(`rocketchat-invite-link\n${round}\n${nonce}`).digest();

/** A UUID v4's form (upstream's `crypto.randomUUID()`), its 122 free bits from the MAC. */
function uuidFrom(bytes: Buffer): string {
  const b = Buffer.from(bytes.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The token of a link with this nonce and style. */
export const linkToken = (key: Buffer, nonce: string, style: NewLinkStyle): string =>
  style === 'separate' ? uuidFrom(mac(key, nonce, 0)) : idFromDigests((round) => mac(key, nonce, round), ID_TOKEN_LENGTH);

/** A new link's token: the clear token (shown once, and again only through the key), its nonce and its hash. */
export function issueLinkToken(key: Buffer, style: NewLinkStyle): { token: string; tokenNonce: string; tokenHash: string } {
  const tokenNonce = randomBytes(16).toString('base64url');
  const token = linkToken(key, tokenNonce, style);
  return { token, tokenNonce, tokenHash: hashToken(token) };
}

/** A link's public id: upstream's `crypto.randomBytes(8).toString('hex')`. */
export const newPublicLinkId = (): string => randomBytes(8).toString('hex');

import { createHash, randomBytes } from 'node:crypto';

/** Meteor's `Random.id()` alphabet: Rocket.Chat ids are 17 of these characters. */
const UNMISTAKABLE = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';
/** Bytes at or above this would bias the modulo; they are skipped. */
const UNBIASED_LIMIT = 256 - (256 % UNMISTAKABLE.length);

let pool = randomBytes(0);
let poolOffset = 0;

/** One random byte, drawn from a pooled buffer (one randomBytes call per 4 KB, not per character). */
function randomByte(): number {
  if (poolOffset >= pool.length) {
    pool = randomBytes(4096);
    poolOffset = 0;
  }
  return pool[poolOffset++]!;
}

/**
 * A Meteor-style id of `length` characters drawn, without bias, from the bytes of `digest(0)`,
 * `digest(1)`, …: the same digests give the same id.
 */
export function idFromDigests(digest: (round: number) => Buffer, length: number): string {
  let id = '';
  for (let round = 0; id.length < length; round += 1) {
    for (const byte of digest(round)) {
      if (byte < UNBIASED_LIMIT) id += UNMISTAKABLE[byte % UNMISTAKABLE.length];
      if (id.length === length) break;
    }
  }
  return id;
}

/**
 * A Meteor-style id (17 characters of the same alphabet) that is always the same for the same
 * input: an outside identity's account id, from its issuer and subject (about 98 bits of SHA-256).
 */
export const derivedId = (input: string, length = 17): string =>
  idFromDigests((round) => createHash('sha256').update(`${round}\n${input}`).digest(), length);

export function randomId(length = 17): string {
  let id = '';
  while (id.length < length) {
    const byte = randomByte();
    if (byte < UNBIASED_LIMIT) id += UNMISTAKABLE[byte % UNMISTAKABLE.length];
  }
  return id;
}

/** An opaque secret: 32 random bytes, base64url (43 characters, as Rocket.Chat's `Random.secret()`). */
export const randomSecret = () => randomBytes(32).toString('base64url');

/** Tokens are stored and looked up only by this hash; the clear token is never persisted. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

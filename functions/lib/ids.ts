import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Meteor's `Random.id()` alphabet: Rocket.Chat ids are 17 of these characters. */
const UNMISTAKABLE = '23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz';

export function randomId(length = 17): string {
  let id = '';
  for (let i = 0; i < length; i++) id += UNMISTAKABLE[randomInt(UNMISTAKABLE.length)];
  return id;
}

/** An opaque secret: 32 random bytes, base64url (43 characters, as Rocket.Chat's `Random.secret()`). */
export const randomSecret = () => randomBytes(32).toString('base64url');

/** Tokens are stored and looked up only by this hash; the clear token is never persisted. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

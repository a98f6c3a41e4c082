/**
 * Accounts of outside identities (OIDC access tokens from a trusted issuer). An identity is the
 * pair (iss, sub) — `sub` is unique only within its issuer — and its account's `_id` is derived
 * from that pair, so a known identity's account is read by key in one round trip, as a minted
 * token's is. The first valid token of an unknown identity creates the account, once however many
 * requests race (the user item is written only if absent; the losers read the winner's). Never
 * linked by e-mail to an existing account: a taken address is left off the new one.
 */
import { ServiceError } from '../errors';
import { derivedId } from '../lib/ids';
import type { User } from '../model';
import type { NewUser } from './users';

export interface IdentityClaims {
  issuer: string;
  subject: string;
  /** The configured claims' values, as the token carries them. */
  username?: unknown;
  name?: unknown;
  email?: unknown;
  emailVerified?: unknown;
}

export interface IdentityStore {
  /** The identity's account: its own, under its derived id, or the one an operator linked it to. */
  getUser(id: string): Promise<User | undefined>;
  createUser(input: NewUser): Promise<User>;
}

/** The account id of an identity: the same for the same (iss, sub), different across issuers. */
export const identityUserId = (issuer: string, subject: string) => derivedId(JSON.stringify([issuer, subject]));

const USERNAME_LENGTH = 48;

/** A username from a claim: Rocket.Chat's characters only, else `user`. */
export function usernameFrom(claim: unknown): string {
  const text = typeof claim === 'string' ? claim.split('@')[0]! : '';
  const cleaned = text
    .replace(/[^0-9a-zA-Z-_.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, USERNAME_LENGTH);
  return cleaned || 'user';
}

/**
 * Usernames to try, in order: the claim's, then with a suffix taken from the account id (so that
 * racing first requests of one identity try the same names, and two identities with the same
 * claim end up with different ones).
 */
export const usernameCandidates = (base: string, id: string) => [
  base,
  `${base}-${id.slice(0, 4)}`,
  `${base}-${id.slice(0, 8)}`,
  `${base}-${id}`,
];

/** The identity's account: read by its derived id, made on first sight. */
export async function accountOfIdentity(identity: IdentityClaims, store: IdentityStore): Promise<User> {
  const id = identityUserId(identity.issuer, identity.subject);
  return (await store.getUser(id)) ?? createAccount(id, identity, store);
}

async function createAccount(id: string, identity: IdentityClaims, store: IdentityStore): Promise<User> {
  const email = identity.emailVerified === true && typeof identity.email === 'string' ? identity.email.toLowerCase() : undefined;
  const name = typeof identity.name === 'string' ? identity.name.slice(0, 128) : undefined;
  let withEmail = email !== undefined;
  for (const username of usernameCandidates(usernameFrom(identity.username ?? identity.email), id)) {
    for (;;) {
      try {
        return await store.createUser({ id, username, name, roles: ['user'], ...(withEmail ? { email } : {}) });
      } catch (error) {
        if (!(error instanceof ServiceError) || error.kind !== 'conflict') throw error;
        if (error.code === 'id-taken') {
          // Another request made it first.
          const made = await store.getUser(id);
          if (made) return made;
          throw error;
        }
        // The address belongs to another account: no silent linking; this one goes without it.
        if (withEmail && error.code === 'email-taken') {
          withEmail = false;
          continue;
        }
        break; // the username is taken: the next candidate
      }
    }
  }
  throw new ServiceError('conflict', 'no free username for this identity');
}

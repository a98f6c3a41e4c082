/**
 * Accounts: a new user gets the next integer id and the `user` role unless told otherwise, and
 * the invitations that were waiting for their e-mail address become theirs in the same transaction.
 */
import { ServiceError } from '../errors';
import { clock } from '../lib/clock';
import { randomId } from '../lib/ids';
import { RETRY, retry } from '../lib/retry';
import type { User } from '../model';
import { retryPolicies } from '../policies';
import type { StoredInvitation } from '../dialects/quranreflect/store/items';
import * as invitationStore from '../dialects/quranreflect/store/invitations';
import * as userStore from '../store/users';
import type { InsertUserOutcome } from '../store/users';

export interface NewUser {
  /** The account's `_id` when it is given (an outside identity's, derived from its issuer and subject); random otherwise. */
  id?: string;
  username: string;
  email?: string;
  name?: string;
  roles?: string[];
}

export interface UserRegistrationStore {
  nextUserNumber(count?: number): Promise<number>;
  insertUser(user: User, claims?: { from: StoredInvitation; to: StoredInvitation }[]): Promise<InsertUserOutcome>;
  listEmailInvitations(email: string): Promise<StoredInvitation[]>;
  putUsersInBulk(users: User[]): Promise<void>;
}

const defaultStore: UserRegistrationStore = { ...userStore, listEmailInvitations: invitationStore.listEmailInvitations };

/** User item, unique guards and two actions per claimed invitation share one transaction. */
const CLAIMS_PER_REGISTRATION = 48;

export function buildUser(input: NewUser, userId: number): User {
  return {
    _id: input.id ?? randomId(),
    userId,
    username: input.username,
    ...(input.email ? { email: input.email } : {}),
    ...(input.name ? { name: input.name } : {}),
    roles: input.roles?.length ? [...new Set(input.roles)] : ['user'],
    active: true,
    createdAt: clock.iso(),
  };
}

/** An e-mail invitation, made over to the account that now owns the address. */
export const claimInvitation = (invitation: StoredInvitation, user: User): StoredInvitation => ({
  ...invitation,
  invitee: { _id: user._id, userId: user.userId, username: user.username },
  claimedEmail: user.email?.toLowerCase(),
});

/**
 * Creates a user; username, e-mail and integer id are unique. The invitations waiting for the
 * e-mail (up to 48; more are not expected of one address) are claimed in the same transaction,
 * so the account never exists without them. An invitation that changed meanwhile (renewed,
 * removed) makes the registration read them again.
 */
export async function createUser(input: NewUser, store: UserRegistrationStore = defaultStore): Promise<User> {
  const user = buildUser(input, await store.nextUserNumber());
  return retry(retryPolicies.transactionConflict, async () => {
    const waiting = user.email ? (await store.listEmailInvitations(user.email)).slice(0, CLAIMS_PER_REGISTRATION) : [];
    const outcome = await store.insertUser(
      user,
      waiting.map((from) => ({ from, to: claimInvitation(from, user) })),
    );
    switch (outcome) {
      case 'created':
        return user;
      case 'id-taken':
        throw new ServiceError('conflict', `User "${user._id}" exists`, { code: 'id-taken' });
      case 'username-taken':
        throw new ServiceError('conflict', `Username "${user.username}" is already in use`, { code: 'username-taken' });
      case 'email-taken':
        throw new ServiceError('conflict', `E-mail "${user.email}" is already in use`, { code: 'email-taken' });
      default:
        return RETRY;
    }
  });
}

/** Fixture loader for tests and benchmarks: many users at once, no uniqueness checks, no claims. */
export async function createUsersInBulk(inputs: NewUser[], store: UserRegistrationStore = defaultStore): Promise<User[]> {
  const last = await store.nextUserNumber(inputs.length);
  const users = inputs.map((input, i) => buildUser(input, last - inputs.length + 1 + i));
  await store.putUsersInBulk(users);
  return users;
}

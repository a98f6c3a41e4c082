/** Accounts (users.ts) against an in-memory store: numbering, default role, claiming e-mail invitations, taken names. */
import { describe, expect, test } from 'vitest';
import { claimInvitation, createUser, createUsersInBulk, type UserRegistrationStore } from '../../functions/domain/users';
import type { User } from '../../functions/model';
import type { StoredInvitation } from '../../functions/dialects/quranreflect/store/items';

const waiting: StoredInvitation = {
  groupId: '7',
  invitee: { email: 'new@example.com' },
  invitedBy: { _id: 'O', username: 'o', userId: 1 },
  lastInvitedBy: { _id: 'O', username: 'o', userId: 1 },
  createdAt: '',
  lastInvitedAt: '',
  expiresAt: 2_000_000_000,
  invitesSent: 1,
  tokenHash: 'h',
  tokenNonce: 'n',
};

function memoryUsers(outcomes: Awaited<ReturnType<UserRegistrationStore['insertUser']>>[] = ['created']) {
  let number = 10;
  const inserted: { user: User; claims: { from: StoredInvitation; to: StoredInvitation }[] }[] = [];
  const bulk: User[] = [];
  const store: UserRegistrationStore = {
    nextUserNumber: async (count = 1) => (number += count),
    insertUser: async (user, claims = []) => {
      inserted.push({ user, claims });
      return outcomes.shift() ?? 'created';
    },
    listEmailInvitations: async (email) => (email === 'new@example.com' ? [waiting] : []),
    putUsersInBulk: async (users) => void bulk.push(...users),
  };
  return { store, inserted, bulk };
}

describe('createUser', () => {
  test('the next number, the user role by default, a Meteor id; the invitations waiting for the address become theirs, token kept', async () => {
    const { store, inserted } = memoryUsers();
    const user = await createUser({ username: 'new', email: 'new@example.com' }, store);
    expect(user).toMatchObject({ userId: 11, username: 'new', roles: ['user'], active: true });
    expect(user._id).toMatch(/^[23456789A-HJ-NP-Za-km-z]{17}$/);
    expect(inserted[0]!.claims).toEqual([{ from: waiting, to: claimInvitation(waiting, user) }]);
    expect(inserted[0]!.claims[0]!.to).toMatchObject({
      invitee: { _id: user._id, userId: 11, username: 'new' },
      claimedEmail: 'new@example.com',
      tokenHash: 'h',
      tokenNonce: 'n',
    });
  });

  test('a taken username or e-mail is a conflict; an invitation changed meanwhile: read again and retried', async () => {
    await expect(createUser({ username: 'x' }, memoryUsers(['username-taken']).store)).rejects.toMatchObject({
      kind: 'conflict',
      message: 'Username "x" is already in use',
    });
    await expect(createUser({ username: 'x', email: 'e@x.io' }, memoryUsers(['email-taken']).store)).rejects.toMatchObject({
      kind: 'conflict',
    });
    const retried = memoryUsers(['invitation-changed', 'created']);
    await createUser({ username: 'y', email: 'new@example.com' }, retried.store);
    expect(retried.inserted).toHaveLength(2);
  });

  test('in bulk: consecutive numbers ending at the counter, no claims', async () => {
    const { store, bulk } = memoryUsers();
    const users = await createUsersInBulk([{ username: 'a' }, { username: 'b' }, { username: 'c' }], store);
    expect(users.map((u) => u.userId)).toEqual([11, 12, 13]);
    expect(bulk).toEqual(users);
  });
});

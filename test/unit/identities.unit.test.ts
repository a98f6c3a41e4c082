/** Outside identities: the trusted-issuer setting, account ids and usernames, first sight against an in-memory store. */
import { describe, expect, test } from 'vitest';
import { accountOfIdentity, identityUserId, usernameCandidates, usernameFrom } from '../../functions/domain/identities';
import type { NewUser } from '../../functions/domain/users';
import { ServiceError } from '../../functions/errors';
import { trustedIssuers } from '../../functions/identity/trusted-issuers';
import { looksLikeJwt } from '../../functions/identity/verify-access-token';
import type { User } from '../../functions/model';

describe('the trusted-issuer setting', () => {
  test('defaults the claims; none set is none trusted', () => {
    expect(trustedIssuers({ TRUSTED_ISSUERS: JSON.stringify([{ issuer: 'https://i', audiences: ['a'] }]) })).toEqual([
      { issuer: 'https://i', audiences: ['a'], claims: { username: 'preferred_username', name: 'name', email: 'email' } },
    ]);
    expect(trustedIssuers({})).toEqual([]);
  });

  test('an issuer without audiences, parties or client-bound keys is refused, saying why', () => {
    expect(() => trustedIssuers({ TRUSTED_ISSUERS: '[{"issuer": "https://j"}]' })).toThrow(/audiences, authorizedParties/);
    expect(() => trustedIssuers({ TRUSTED_ISSUERS: '[{"issuer": "https://j", "clientBoundKeys": true}]' })).toThrow(/jwksUri/);
    expect(
      trustedIssuers({ TRUSTED_ISSUERS: '[{"issuer": "https://j", "clientBoundKeys": true, "jwksUri": "https://j/k"}]' }),
    ).toHaveLength(1);
  });
});

describe('account ids and usernames', () => {
  test('the id is 17 Meteor characters, the same for the same (iss, sub), different across issuers', () => {
    const id = identityUserId('https://a', 'user-1');
    expect(id).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTWXYZabcdefghijkmnopqrstuvwxyz]{17}$/);
    expect(identityUserId('https://a', 'user-1')).toBe(id);
    expect(identityUserId('https://b', 'user-1')).not.toBe(id);
    expect(identityUserId('https://a\nuser', '1')).not.toBe(identityUserId('https://a', 'user\n1'));
  });

  test("usernames keep Rocket.Chat's characters", () => {
    expect(usernameFrom('Ada Lovelace')).toBe('Ada-Lovelace');
    expect(usernameFrom('ada@example.com')).toBe('ada');
    expect(usernameFrom('..--')).toBe('user');
    expect(usernameFrom(42)).toBe('user');
    expect(usernameFrom('x'.repeat(100))).toHaveLength(48);
    expect(usernameCandidates('ada', 'ABCDEFGHJKLMNPQRS')).toEqual(['ada', 'ada-ABCD', 'ada-ABCDEFGH', 'ada-ABCDEFGHJKLMNPQRS']);
  });

  test('a JWT is three base64url parts with a JSON header; minted tokens are not', () => {
    expect(looksLikeJwt('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln')).toBe(true);
    expect(looksLikeJwt('s7bC2mDHYxCz6rJLD.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG')).toBe(false);
  });
});

describe('first sight, against an in-memory store', () => {
  function memoryStore(taken: { usernames?: string[]; emails?: string[] } = {}) {
    const users = new Map<string, User>();
    const usernames = new Set(taken.usernames);
    const emails = new Set(taken.emails);
    return {
      users,
      getUser: async (id: string) => users.get(id),
      createUser: async (input: NewUser): Promise<User> => {
        if (users.has(input.id!)) throw new ServiceError('conflict', 'exists', { code: 'id-taken' });
        if (usernames.has(input.username)) throw new ServiceError('conflict', 'taken', { code: 'username-taken' });
        if (input.email && emails.has(input.email)) throw new ServiceError('conflict', 'taken', { code: 'email-taken' });
        const user: User = {
          _id: input.id!,
          userId: users.size + 1,
          username: input.username,
          roles: input.roles ?? ['user'],
          active: true,
          createdAt: '',
        };
        if (input.email) user.email = input.email;
        users.set(user._id, user);
        usernames.add(user.username);
        return user;
      },
    };
  }
  const identity = { issuer: 'https://i', subject: 's1' };

  test('made once, then read', async () => {
    const store = memoryStore();
    const made = await accountOfIdentity({ ...identity, username: 'ada' }, store);
    expect(made).toMatchObject({ _id: identityUserId('https://i', 's1'), username: 'ada', roles: ['user'] });
    expect(await accountOfIdentity({ ...identity, username: 'someone-else' }, store)).toBe(made);
    expect(store.users.size).toBe(1);
  });

  test('a taken username gets the id suffix; a taken or unverified e-mail is left off, never linked', async () => {
    const store = memoryStore({ usernames: ['ada'], emails: ['ada@example.com'] });
    const made = await accountOfIdentity({ ...identity, username: 'ada', email: 'ada@example.com', emailVerified: true }, store);
    expect(made.username).toBe(`ada-${made._id.slice(0, 4)}`);
    expect(made.email).toBeUndefined();
    const other = await accountOfIdentity(
      { issuer: 'https://i', subject: 's2', username: 'bo', email: 'bo@example.com', emailVerified: 'true' },
      store,
    );
    expect(other.email).toBeUndefined();
  });

  test('a race lost to another request of the same identity returns the winner', async () => {
    const store = memoryStore();
    const winner = await store.createUser({ id: identityUserId('https://i', 's1'), username: 'first' });
    const racer = { ...store, getUser: async (id: string) => (racerReads++ === 0 ? undefined : store.users.get(id)) };
    let racerReads = 0;
    expect(await accountOfIdentity({ ...identity, username: 'second' }, racer)).toBe(winner);
  });
});

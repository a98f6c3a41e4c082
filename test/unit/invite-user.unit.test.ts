/** QuranReflect inviteUser rules against an in-memory store. */
import { describe, expect, test } from 'vitest';
import { type GroupInviteStore, inviteUserToGroup } from '../../functions/dialects/quranreflect/domain/invite-user';
import { setClock } from '../../functions/lib/clock';
import { ServiceError } from '../../functions/errors';
import type { Group, GroupMember, NumberedUserRef, User } from '../../functions/model';
import type { StoredInvitation } from '../../functions/dialects/quranreflect/store/items';
import type { UpsertOutcome } from '../../functions/dialects/quranreflect/store/invitations';
import { hashToken } from '../../functions/lib/ids';
import { invitationToken } from '../../functions/lib/invitation-token';
import { invitationKey } from '../../functions/dialects/quranreflect/store/items';

const TOKEN_KEY = Buffer.alloc(32, 7);

const admin: User = { _id: 'A', userId: 1, username: 'admin', roles: ['user'], active: true, createdAt: '' };
const group: Group = { id: '7', name: 'g', createdBy: { _id: 'A', username: 'admin' }, createdAt: '', membersCount: 2 };
const bob: NumberedUserRef = { _id: 'B', userId: 2, username: 'bob' };

function fakeStore(options: { members?: GroupMember[]; users?: (NumberedUserRef & { email?: string })[]; outcome?: UpsertOutcome } = {}) {
  const writes: { fresh: StoredInvitation; nowSeconds: number }[] = [];
  const users = options.users ?? [{ ...bob, email: 'bob@example.com' }];
  const store: GroupInviteStore = {
    readGroupInviteContext: async (input) => {
      const invitee = users.find((u) =>
        input.userNumber !== undefined ? u.userId === input.userNumber : u.email === input.email?.toLowerCase(),
      );
      return {
        group: input.groupId === group.id ? group : undefined,
        callerMembership: (options.members ?? [{ groupId: '7', user: admin, role: 'admin', joinedAt: '' }]).find(
          (m) => m.groupId === input.groupId && m.user._id === input.callerId,
        ),
        invitee: invitee && { _id: invitee._id, userId: invitee.userId, username: invitee.username },
      };
    },
    upsertInvitation: async (fresh, nowSeconds) => {
      writes.push({ fresh, nowSeconds });
      return options.outcome ?? 'invited';
    },
    tokenKey: async () => TOKEN_KEY,
  };
  return { store, writes };
}

describe('inviteUserToGroup', () => {
  test('by userId: an invitation for the user, from the caller, expiring after the TTL, holding only the nonce and hash of its token', async () => {
    const restore = setClock(Date.UTC(2026, 0, 1));
    try {
      const { store, writes } = fakeStore();
      const { token } = await inviteUserToGroup(admin, { groupId: '7', userId: 2 }, store);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const nonce = writes[0]!.fresh.tokenNonce!;
      expect(nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(writes).toEqual([
        {
          nowSeconds: Date.UTC(2026, 0, 1) / 1000,
          fresh: {
            groupId: '7',
            invitee: bob,
            invitedBy: { _id: 'A', userId: 1, username: 'admin' },
            lastInvitedBy: { _id: 'A', userId: 1, username: 'admin' },
            createdAt: '2026-01-01T00:00:00.000Z',
            lastInvitedAt: '2026-01-01T00:00:00.000Z',
            expiresAt: Date.UTC(2026, 0, 1) / 1000 + 7 * 86_400,
            invitesSent: 1,
            tokenHash: hashToken(token),
            tokenNonce: nonce,
          },
        },
      ]);
      // The stream consumer, holding the key, rebuilds the same token from what was stored.
      const { pk, sk } = invitationKey(writes[0]!.fresh);
      expect(invitationToken(TOKEN_KEY, pk, sk, nonce)).toBe(token);
      // Without the key, the stored values give nothing that hashes to the token.
      expect(invitationToken(Buffer.alloc(32, 8), pk, sk, nonce)).not.toBe(token);
      expect(JSON.stringify(writes)).not.toContain(token);
    } finally {
      restore();
    }
  });

  test('an e-mail of an account invites that account; an unknown e-mail is kept, lower-cased', async () => {
    const { store, writes } = fakeStore();
    await inviteUserToGroup(admin, { groupId: '7', email: 'bob@example.com' }, store);
    await inviteUserToGroup(admin, { groupId: '7', email: 'New@Example.com' }, store);
    expect(writes.map((w) => w.fresh.invitee)).toEqual([bob, { email: 'new@example.com' }]);
  });

  test.each([
    ['unknown group', { groupId: '8', userId: 2 }, {}, { kind: 'not_found', message: 'Group 8 not found' }],
    [
      'caller not an admin',
      { groupId: '7', userId: 2 },
      { members: [{ groupId: '7', user: admin, role: 'member' as const, joinedAt: '' }] },
      { kind: 'forbidden' },
    ],
    ['caller not a member', { groupId: '7', userId: 2 }, { members: [] }, { kind: 'forbidden' }],
    ['unknown userId', { groupId: '7', userId: 99 }, {}, { kind: 'not_found', message: 'User 99 not found' }],
  ])('%s → %o, nothing written', async (_name, params, options, error) => {
    const { store, writes } = fakeStore(options);
    await expect(inviteUserToGroup(admin, params, store)).rejects.toMatchObject(error);
    expect(writes).toEqual([]);
  });

  test.each([
    ['already-member', { kind: 'conflict', code: 'already_a_member' }],
    ['group-missing', { kind: 'not_found', message: 'Group 7 not found' }],
  ] as const)('the write reporting %s → %o', async (outcome, error) => {
    const { store } = fakeStore({ outcome });
    await expect(inviteUserToGroup(admin, { groupId: '7', userId: 2 }, store)).rejects.toMatchObject(error);
  });

  test('inviting again issues a new token (a new nonce): the old token no longer matches the stored hash', async () => {
    const { store, writes } = fakeStore();
    const first = await inviteUserToGroup(admin, { groupId: '7', userId: 2 }, store);
    const second = await inviteUserToGroup(admin, { groupId: '7', userId: 2 }, store);
    expect(second.token).not.toBe(first.token);
    expect(writes[1]!.fresh.tokenHash).toBe(hashToken(second.token));
    expect(writes[1]!.fresh.tokenNonce).not.toBe(writes[0]!.fresh.tokenNonce);
  });

  test('the token key unavailable: nothing is written', async () => {
    const { store, writes } = fakeStore();
    const keyless: GroupInviteStore = { ...store, tokenKey: async () => Promise.reject(new ServiceError('unavailable', 'no key')) };
    await expect(inviteUserToGroup(admin, { groupId: '7', userId: 2 }, keyless)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(writes).toEqual([]);
  });
});

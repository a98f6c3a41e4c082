/** QuranReflect inviteUser rules against an in-memory store. */
import { describe, expect, test } from 'vitest';
import { type GroupInviteStore, inviteUserToGroup } from '../../functions/domain/quranreflect/invite-user';
import { setClock } from '../../functions/lib/clock';
import { ServiceError } from '../../functions/errors';
import { alwaysAdmitted, type Group, type GroupMember, type NumberedUserRef, type User } from '../../functions/model';
import type { StoredInvitation } from '../../functions/store/items';
import type { UpsertOutcome } from '../../functions/store/invitations';
import type { ServiceEvent } from '../../functions/events/publisher';
import { hashToken } from '../../functions/lib/ids';

const admin: User = { _id: 'A', userId: 1, username: 'admin', roles: ['user'], active: true, createdAt: '' };
const group: Group = { id: '7', name: 'g', createdBy: { _id: 'A', username: 'admin' }, createdAt: '', membersCount: 2 };
const bob: NumberedUserRef = { _id: 'B', userId: 2, username: 'bob' };

function fakeStore(options: { members?: GroupMember[]; users?: (NumberedUserRef & { email?: string })[]; outcome?: UpsertOutcome } = {}) {
  const writes: { fresh: StoredInvitation; nowSeconds: number }[] = [];
  const events: ServiceEvent[] = [];
  const users = options.users ?? [{ ...bob, email: 'bob@example.com' }];
  const store: GroupInviteStore = {
    readGroupInviteContext: async (input) => {
      const invitee = users.find((u) => (input.userNumber !== undefined ? u.userId === input.userNumber : u.email === input.email?.toLowerCase()));
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
    publish: async (published) => {
      events.push(...published);
    },
  };
  return { store, writes, events };
}

describe('inviteUserToGroup', () => {
  test('by userId: an invitation for the user, from the caller, expiring after the TTL, published with its token', async () => {
    const restore = setClock(Date.UTC(2026, 0, 1));
    process.env.PUBLIC_BASE_URL = 'https://invites.example/';
    try {
      const { store, writes, events } = fakeStore();
      await inviteUserToGroup(admin, { groupId: '7', userId: 2 }, alwaysAdmitted, store);
      expect(events).toHaveLength(1);
      const { acceptUrl, rejectUrl } = events[0]!.detail as { acceptUrl: string; rejectUrl: string };
      const token = new URL(acceptUrl).searchParams.get('token')!;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(acceptUrl).toBe(`https://invites.example/v1/rooms/7/accept-invite?token=${token}`);
      expect(rejectUrl).toBe(`https://invites.example/v1/rooms/7/reject-invite?token=${token}`);
      expect(events[0]).toEqual({
        type: 'Invitation Created',
        detail: { roomId: 7, invitee: { userId: '2' }, invitedBy: { userId: '1' }, acceptUrl, rejectUrl, expiresAt: '2026-01-08T00:00:00.000Z' },
      });
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
          },
        },
      ]);
    } finally {
      restore();
      delete process.env.PUBLIC_BASE_URL;
    }
  });

  test("an e-mail of an account invites that account; an unknown e-mail is kept, lower-cased", async () => {
    const { store, writes } = fakeStore();
    await inviteUserToGroup(admin, { groupId: '7', email: 'bob@example.com' }, alwaysAdmitted, store);
    await inviteUserToGroup(admin, { groupId: '7', email: 'New@Example.com' }, alwaysAdmitted, store);
    expect(writes.map((w) => w.fresh.invitee)).toEqual([bob, { email: 'new@example.com' }]);
  });

  test.each([
    ['unknown group', { groupId: '8', userId: 2 }, {}, { kind: 'not_found', message: 'Group 8 not found' }],
    ['caller not an admin', { groupId: '7', userId: 2 }, { members: [{ groupId: '7', user: admin, role: 'member' as const, joinedAt: '' }] }, { kind: 'forbidden' }],
    ['caller not a member', { groupId: '7', userId: 2 }, { members: [] }, { kind: 'forbidden' }],
    ['unknown userId', { groupId: '7', userId: 99 }, {}, { kind: 'not_found', message: 'User 99 not found' }],
  ])('%s → %o, nothing written', async (_name, params, options, error) => {
    const { store, writes, events } = fakeStore(options);
    await expect(inviteUserToGroup(admin, params, alwaysAdmitted, store)).rejects.toMatchObject(error);
    expect(writes).toEqual([]);
    expect(events).toEqual([]);
  });

  test.each([
    ['already-member', { kind: 'conflict', code: 'already_a_member' }],
    ['group-missing', { kind: 'not_found', message: 'Group 7 not found' }],
  ] as const)('the write reporting %s → %o', async (outcome, error) => {
    const { store, events } = fakeStore({ outcome });
    await expect(inviteUserToGroup(admin, { groupId: '7', userId: 2 }, alwaysAdmitted, store)).rejects.toMatchObject(error);
    expect(events).toEqual([]);
  });

  test('a failed publish fails the request after the write: a retry renews the invitation and publishes a new token', async () => {
    const { store, writes, events } = fakeStore();
    let down = true;
    const flaky: GroupInviteStore = {
      ...store,
      publish: async (published) => {
        if (down) throw new ServiceError('unavailable', 'The event bus refused 1 event(s)');
        await store.publish(published);
      },
    };
    await expect(inviteUserToGroup(admin, { groupId: '7', userId: 2 }, alwaysAdmitted, flaky)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(writes).toHaveLength(1);
    down = false;
    await inviteUserToGroup(admin, { groupId: '7', userId: 2 }, alwaysAdmitted, flaky);
    expect(writes).toHaveLength(2);
    expect(writes[1]!.fresh.tokenHash).not.toBe(writes[0]!.fresh.tokenHash);
    expect(events).toHaveLength(1);
    expect(hashToken(new URL(String(events[0]!.detail.acceptUrl), 'http://local').searchParams.get('token')!)).toBe(writes[1]!.fresh.tokenHash);
  });
});

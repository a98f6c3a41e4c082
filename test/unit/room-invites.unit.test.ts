/** Rooms invitations (room-invites.ts) against an in-memory store: inviteStatus, tokens, answers and their notes. */
import { describe, expect, test } from 'vitest';
import { acceptInvite, inviteToRoom, rejectInvite, type RoomInviteStore } from '../../functions/dialects/quranreflect/domain/room-invites';
import { hashToken } from '../../functions/lib/ids';
import { invitationToken } from '../../functions/lib/invitation-token';
import type { EventNote, Group, GroupMember, User } from '../../functions/model';
import { invitationKey, type StoredInvitation } from '../../functions/dialects/quranreflect/store/items';

const KEY = Buffer.alloc(32, 5);
const user = (n: number, email?: string): User => ({
  _id: `U${n}`,
  userId: n,
  username: `u${n}`,
  email,
  roles: ['user'],
  active: true,
  createdAt: '',
});
const owner = user(1);
const bob = user(2, 'bob@example.com');
const carol = user(3);
const group: Group = {
  id: '7',
  name: 'g',
  createdBy: { _id: owner._id, username: owner.username, userId: 1 },
  createdAt: '',
  membersCount: 1,
};

function memoryInvites(options: { members?: GroupMember[]; accept?: 'accepted' | 'already-member' } = {}) {
  const members = options.members ?? [{ groupId: '7', user: { _id: owner._id, username: owner.username }, role: 'admin', joinedAt: '' }];
  const invitations = new Map<string, StoredInvitation>();
  const notes: EventNote[] = [];
  const added: GroupMember[] = [];
  const accounts = [owner, bob, carol];
  const ref = (u: User) => ({ _id: u._id, userId: u.userId, username: u.username });
  const store: RoomInviteStore = {
    readRoomInviteContext: async (input) => ({
      group: input.groupId === '7' ? group : undefined,
      callerMembership: members.find((m) => m.user._id === input.callerId),
      byNumber: new Map(accounts.filter((a) => input.userNumbers.includes(a.userId)).map((a) => [a.userId, ref(a)])),
      byEmail: new Map(accounts.filter((a) => a.email && input.emails.includes(a.email)).map((a) => [a.email!, ref(a)])),
    }),
    readRoom: async ({ groupId, caller }) => ({
      group: groupId === '7' ? group : undefined,
      callerMembership: members.find((m) => m.user._id === caller._id),
      memberships: new Map(),
      invitations: [...invitations.values()].filter((i) => '_id' in i.invitee && i.invitee._id === caller._id),
    }),
    upsertInvitation: async (fresh) => {
      if ('_id' in fresh.invitee && members.some((m) => m.user._id === (fresh.invitee as { _id: string })._id)) return 'already-member';
      invitations.set(JSON.stringify(invitationKey(fresh)), fresh);
      return 'invited';
    },
    acceptInvitation: async (invitation, tokenHash, member, _now, note) => {
      const stored = invitations.get(JSON.stringify(invitationKey(invitation)));
      if (stored?.tokenHash !== tokenHash) return 'invalid-token';
      if (options.accept === 'already-member') return 'already-member';
      invitations.delete(JSON.stringify(invitationKey(invitation)));
      added.push(member);
      notes.push(note);
      return 'accepted';
    },
    deleteInvitationWithToken: async (invitation, tokenHash, _now, note) => {
      const key = JSON.stringify(invitationKey(invitation));
      if (invitations.get(key)?.tokenHash !== tokenHash) return false;
      invitations.delete(key);
      if (note) notes.push(note);
      return true;
    },
    tokenKey: async () => KEY,
  };
  return { store, invitations, notes, added };
}

/** The token the stream consumer would put in the event: rebuilt from what was stored. */
const tokenOf = (invitation: StoredInvitation) => {
  const { pk, sk } = invitationKey(invitation);
  return invitationToken(KEY, pk, sk, invitation.tokenNonce!);
};

describe('invite', () => {
  test('inviteStatus per id or address as sent; an address of an account invites the account; one invitation per invitee', async () => {
    const { store, invitations } = memoryInvites();
    const reply = await inviteToRoom(
      owner,
      '7',
      { userIds: ['2', '02', '999', '1'], emails: ['Bob@Example.com', 'new@example.com'] },
      store,
    );
    expect(reply).toEqual({
      invited: true,
      inviteStatus: {
        '2': true,
        '02': 'user_not_found',
        '999': 'user_not_found',
        '1': 'already_a_member',
        'Bob@Example.com': true,
        'new@example.com': true,
      },
    });
    expect([...invitations.values()].map((i) => i.invitee)).toEqual([
      { _id: bob._id, userId: 2, username: bob.username },
      { email: 'new@example.com' },
    ]);
    for (const invitation of invitations.values()) expect(hashToken(tokenOf(invitation))).toBe(invitation.tokenHash);
  });

  test('only admins invite; a private group is not found by a stranger', async () => {
    const { store, invitations } = memoryInvites({
      members: [{ groupId: '7', user: { _id: carol._id, username: carol.username }, role: 'member', joinedAt: '' }],
    });
    await expect(inviteToRoom(carol, '7', { userIds: ['2'], emails: [] }, store)).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(inviteToRoom(bob, '7', { userIds: ['3'], emails: [] }, store)).rejects.toMatchObject({
      kind: 'not_found',
      message: 'Room 7 not found',
    });
    expect(invitations.size).toBe(0);
  });
});

describe('answers', () => {
  test('accept: the member is added (by the invitation, from the inviter) with an Invitation Accepted note; the token then fails', async () => {
    const { store, invitations, notes, added } = memoryInvites();
    await inviteToRoom(owner, '7', { userIds: ['2'], emails: [] }, store);
    const token = tokenOf([...invitations.values()][0]!);
    expect(await acceptInvite(bob, '7', token, store)).toEqual({ accepted: true });
    expect(added[0]).toMatchObject({ groupId: '7', user: { _id: bob._id, userId: 2 }, via: { how: 'invitation', by: { userId: 1 } } });
    expect(notes).toEqual([
      {
        type: 'Invitation Accepted',
        detail: { dialect: 'quranreflect', roomId: 7, invitee: { userId: '2' }, userId: '2', invitedBy: { userId: '1' } },
      },
    ]);
    await expect(acceptInvite(bob, '7', token, store)).rejects.toMatchObject({
      kind: 'invalid_request',
      message: 'Invalid or expired token',
    });
  });

  test('accept by someone who joined meanwhile: the invitation goes, told as accepted', async () => {
    const { store, invitations, notes } = memoryInvites({ accept: 'already-member' });
    await inviteToRoom(owner, '7', { userIds: ['2'], emails: [] }, store);
    const token = tokenOf([...invitations.values()][0]!);
    expect(await acceptInvite(bob, '7', token, store)).toEqual({ accepted: true });
    expect(invitations.size).toBe(0);
    expect(notes.map((n) => n.type)).toEqual(['Invitation Accepted']);
  });

  test("reject: the invitation goes with an Invitation Rejected note; another user's token or a wrong one: one 400", async () => {
    const { store, invitations, notes } = memoryInvites();
    await inviteToRoom(owner, '7', { userIds: ['2'], emails: [] }, store);
    const token = tokenOf([...invitations.values()][0]!);
    const invalid = { kind: 'invalid_request', message: 'Invalid or expired token' };
    await expect(rejectInvite(carol, '7', token, store)).rejects.toMatchObject(invalid);
    await expect(rejectInvite(bob, '7', `${token}x`, store)).rejects.toMatchObject(invalid);
    expect(await rejectInvite(bob, '7', token, store)).toEqual({ rejected: true });
    expect(notes.map((n) => n.type)).toEqual(['Invitation Rejected']);
    expect(invitations.size).toBe(0);
  });
});

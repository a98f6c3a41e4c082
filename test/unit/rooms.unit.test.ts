/** QuranReflect Rooms rules (rooms.ts) against an in-memory store: who sees, joins, leaves, removes, grants. */
import { describe, expect, test } from 'vitest';
import {
  acceptByPrivateToken,
  getRoom,
  joinRoom,
  leaveRoom,
  type RoomStore,
  removeRoomMember,
  setAdminAccess,
} from '../../functions/dialects/quranreflect/domain/rooms';
import type { EventNote, Group, GroupMember, User } from '../../functions/model';

const user = (n: number): User => ({ _id: `U${n}`, userId: n, username: `u${n}`, roles: ['user'], active: true, createdAt: '' });
const owner = user(1);
const alice = user(2);
const bob = user(3);

function memoryRooms(groups: Group[], members: GroupMember[]) {
  const memberships = new Map(members.map((m) => [`${m.groupId}|${m.user._id}`, m]));
  const notes: EventNote[] = [];
  const users = [owner, alice, bob];
  const store: RoomStore = {
    readRoom: async ({ groupId, caller }) => ({
      group: groups.find((g) => g.id === groupId),
      callerMembership: memberships.get(`${groupId}|${caller._id}`),
      memberships: new Map(),
      invitations: [],
    }),
    findGroupIdByUrl: async (url) => groups.find((g) => g.url === url)?.id,
    listGroupMembers: async (groupId) => [...memberships.values()].filter((m) => m.groupId === groupId),
    readUsers: async (ids) => new Map(users.filter((u) => ids.includes(u._id)).map((u) => [u._id, u])),
    addGroupMember: async (member) => {
      if (!groups.some((g) => g.id === member.groupId)) return 'group-missing';
      const key = `${member.groupId}|${member.user._id}`;
      if (memberships.has(key)) return 'already-member';
      memberships.set(key, member);
      return 'added';
    },
    removeGroupMember: async (groupId, userId, note) => {
      const removed = memberships.delete(`${groupId}|${userId}`);
      if (removed) notes.push(note);
      return removed;
    },
    setGroupMemberRole: async (groupId, userId, role) => {
      const member = memberships.get(`${groupId}|${userId}`);
      if (member) member.role = role;
      return member !== undefined;
    },
    findUserByNumber: async (n) => users.find((u) => u.userId === n),
  };
  return { store, memberships, notes };
}

const group = (id: string, isPublic: boolean): Group => ({
  id,
  name: `g${id}`,
  createdBy: { _id: owner._id, username: owner.username, userId: owner.userId },
  createdAt: '',
  membersCount: 1,
  url: `g-${id}`,
  isPublic,
  privateToken: `secret-${id}`,
});
const membership = (groupId: string, member: User, role: GroupMember['role']): GroupMember => ({
  groupId,
  user: { _id: member._id, username: member.username },
  role,
  joinedAt: '',
});

const world = () =>
  memoryRooms(
    [group('1', false), group('2', true)],
    [membership('1', owner, 'admin'), membership('2', owner, 'admin'), membership('2', alice, 'member')],
  );

describe('visibility', () => {
  test('a private group is not found by a non-member, on every route (get, join, leave, remove, admin access)', async () => {
    const { store } = world();
    const notFound = { kind: 'not_found', message: 'Room 1 not found' };
    await expect(getRoom(bob, '1', store)).rejects.toMatchObject(notFound);
    await expect(joinRoom(bob, '1', store)).rejects.toMatchObject(notFound);
    await expect(leaveRoom(bob, '1', store)).rejects.toMatchObject(notFound);
    await expect(removeRoomMember(bob, '1', '1', store)).rejects.toMatchObject(notFound);
    await expect(setAdminAccess(bob, { roomId: '1', userId: '3', admin: true }, store)).rejects.toMatchObject(notFound);
    // As for an unknown id.
    await expect(joinRoom(bob, '9', store)).rejects.toMatchObject({ kind: 'not_found', message: 'Room 9 not found' });
  });
});

describe('join and leave', () => {
  test('join a public group: added, saying how; again: joined false', async () => {
    const { store, memberships } = world();
    expect(await joinRoom(bob, '2', store)).toEqual({ joined: true });
    expect(memberships.get(`2|${bob._id}`)).toMatchObject({ role: 'member', user: { userId: bob.userId }, via: { how: 'joined' } });
    expect(await joinRoom(bob, '2', store)).toEqual({ joined: false });
  });

  test('leave: a member leaves with a note (left); a non-member of a public group: left false; the owner cannot', async () => {
    const { store, notes } = world();
    expect(await leaveRoom(alice, '2', store)).toEqual({ left: true });
    expect(notes).toEqual([{ type: 'Member Removed', detail: { dialect: 'quranreflect', roomId: 2, userId: '2', how: 'left' } }]);
    expect(await leaveRoom(bob, '2', store)).toEqual({ left: false });
    await expect(leaveRoom(owner, '2', store)).rejects.toMatchObject({
      kind: 'forbidden',
      message: 'Owner cannot leave - transfer ownership first',
    });
  });
});

describe('remove and admin access', () => {
  test('an admin removes a member (removed, by the admin); a member removes only themselves; never the owner', async () => {
    const { store, notes } = world();
    await expect(removeRoomMember(bob, '2', '2', store)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await removeRoomMember(owner, '2', '2', store)).toEqual({ success: true });
    expect(notes[0]).toEqual({
      type: 'Member Removed',
      detail: { dialect: 'quranreflect', roomId: 2, userId: '2', how: 'removed', by: { userId: '1' } },
    });
    await expect(removeRoomMember(owner, '2', '1', store)).rejects.toMatchObject({
      kind: 'forbidden',
      message: 'Owner cannot leave - transfer ownership first',
    });
    await expect(removeRoomMember(owner, '2', '2', store)).rejects.toMatchObject({
      kind: 'not_found',
      message: 'User 2 is not a member of this room',
    });
  });

  test('"007"-style ids name no one: not a member, in removal and admin access alike', async () => {
    const { store, memberships } = world();
    await expect(removeRoomMember(owner, '2', '02', store)).rejects.toMatchObject({
      kind: 'not_found',
      message: 'User 02 is not a member of this room',
    });
    await expect(setAdminAccess(owner, { roomId: '2', userId: '02', admin: true }, store)).rejects.toMatchObject({ kind: 'not_found' });
    expect(memberships.get(`2|${alice._id}`)?.role).toBe('member');
  });

  test("admin access: the owner grants; a member may not; the owner's own cannot be revoked", async () => {
    const { store, memberships } = world();
    await expect(setAdminAccess(alice, { roomId: '2', userId: '2', admin: true }, store)).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await setAdminAccess(owner, { roomId: '2', userId: '2', admin: true }, store)).toEqual({ success: true });
    expect(memberships.get(`2|${alice._id}`)?.role).toBe('admin');
    await expect(setAdminAccess(alice, { roomId: '2', userId: '1', admin: false }, store)).rejects.toMatchObject({
      kind: 'forbidden',
      message: "The owner's admin access cannot be revoked",
    });
  });
});

describe('private link', () => {
  test('the right url and token admit (private-link); any other pair is one 400', async () => {
    const { store, memberships } = world();
    const invalid = { kind: 'invalid_request', message: 'Invalid or expired token' };
    await expect(acceptByPrivateToken(bob, 'g-1', 'secret-2', store)).rejects.toMatchObject(invalid);
    await expect(acceptByPrivateToken(bob, 'nowhere', 'secret-1', store)).rejects.toMatchObject(invalid);
    expect(await acceptByPrivateToken(bob, 'g-1', 'secret-1', store)).toEqual({ roomId: 1, success: true, isNewMember: true });
    expect(memberships.get(`1|${bob._id}`)?.via).toEqual({ how: 'private-link' });
    expect(await acceptByPrivateToken(bob, 'g-1', 'secret-1', store)).toEqual({ roomId: 1, success: true, isNewMember: false });
  });
});

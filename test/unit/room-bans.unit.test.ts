/** Rocket.Chat room bans (room-bans.ts) against an in-memory store: who may ban, what a ban writes, unban, the list. */
import { describe, expect, test } from 'vitest';
import { banUser, bannedUsers, type RoomBanStore, unbanUser } from '../../functions/dialects/rocketchat/domain/room-bans';
import type { EventNote, RoomMember, RoomMessage } from '../../functions/model';
import { roomFixture, userFixture } from '../support/room-store-fake';

const user = userFixture;
const owner = user('O');
const bob = user('B');
const membership = (id: string, roles: string[] = [], status?: 'BANNED'): RoomMember => ({
  _id: `m${id}`,
  rid: 'R1',
  u: { _id: id, username: id.toLowerCase() },
  roles,
  ts: '',
  ...(status ? { status } : {}),
});

function memoryBans() {
  const members = new Map<string, RoomMember>([
    ['O', membership('O', ['owner'])],
    ['B', membership('B')],
  ]);
  const messages: RoomMessage[] = [];
  const notes: EventNote[] = [];
  let usersCount = 2;
  const users = [owner, bob, user('C')];
  const store: RoomBanStore = {
    readInviteContext: async (input) => ({
      room: roomFixture({ _id: input.roomId }),
      inviterMembership: members.get(input.inviterId)?.status ? undefined : members.get(input.inviterId),
      users: {
        byId: new Map(users.filter((u) => input.userIds.includes(u._id)).map((u) => [u._id, u])),
        byUsername: new Map(users.filter((u) => input.usernames.includes(u.username)).map((u) => [u.username, u])),
      },
      storedGrants: new Map(),
      memberIds: new Set(),
      bannedIds: new Set(),
    }),
    getRoomMember: async (_roomId, userId) => members.get(userId),
    listBannedMembers: async () => [...members.values()].filter((m) => m.status === 'BANNED'),
    getUser: async (id) => users.find((u) => u._id === id),
    putBan: async (ban, wasMember, message, written) => {
      members.set(ban.u._id, ban);
      if (wasMember) usersCount -= 1;
      messages.push(message);
      notes.push(...written);
      return 'banned';
    },
    deleteBan: async (_roomId, userId, message, note) => {
      if (members.get(userId)?.status !== 'BANNED') return false;
      members.delete(userId);
      messages.push(message);
      notes.push(note);
      return true;
    },
  };
  return { store, members, messages, notes, count: () => usersCount };
}

describe('rooms.banUser and rooms.unbanUser', () => {
  test('the owner bans a member: the membership becomes the ban, usersCount − 1, user-banned, Member Removed (banned) and Member Banned; again: nothing new', async () => {
    const { store, members, messages, notes, count } = memoryBans();
    expect(await banUser(owner, { roomId: 'R1', username: 'b' }, store)).toEqual({});
    expect(members.get('B')).toMatchObject({ status: 'BANNED', roles: [], bannedBy: { _id: 'O' } });
    expect(count()).toBe(1);
    expect(messages.map((m) => [m.t, m.msg])).toEqual([['user-banned', 'b']]);
    expect(notes.map((n) => n.type)).toEqual(['Member Removed', 'Member Banned']);
    expect(notes[0]!.detail).toMatchObject({ how: 'banned', userId: 'B', by: { userId: 'O' } });
    await banUser(owner, { roomId: 'R1', userId: 'B' }, store);
    expect(notes).toHaveLength(2);
    expect(await bannedUsers(owner, { roomId: 'R1', offset: 0, count: 50 }, store)).toEqual({
      bannedUsers: [{ _id: 'B', username: 'b', name: 'b' }],
      count: 1,
      offset: 0,
      total: 1,
    });
    expect(await unbanUser(owner, { roomId: 'R1', userId: 'B' }, store)).toEqual({});
    expect(members.has('B')).toBe(false);
    expect(notes.at(-1)).toMatchObject({ type: 'Member Unbanned', detail: { userId: 'B', by: { userId: 'O' } } });
    // Not banned (any more): nothing written, still 200.
    await unbanUser(owner, { roomId: 'R1', userId: 'B' }, store);
    expect(notes).toHaveLength(3);
  });

  test('a non-member can be banned (no count moved, no Member Removed); a plain member may not ban; nobody named or unknown: error-invalid-user', async () => {
    const { store, notes, count } = memoryBans();
    await banUser(owner, { roomId: 'R1', userId: 'C' }, store);
    expect(count()).toBe(2);
    expect(notes.map((n) => n.type)).toEqual(['Member Banned']);
    await expect(banUser(bob, { roomId: 'R1', userId: 'C' }, store)).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'error-not-allowed',
    });
    await expect(banUser(owner, { roomId: 'R1' }, store)).rejects.toMatchObject({ code: 'error-invalid-user' });
    await expect(banUser(owner, { roomId: 'R1', userId: 'X' }, store)).rejects.toMatchObject({ code: 'error-invalid-user' });
    await expect(banUser(owner, { roomId: 'R1', userId: 'O' }, store)).rejects.toMatchObject({ code: 'error-not-allowed' });
  });
});

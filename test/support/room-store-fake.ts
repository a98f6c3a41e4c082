/** An in-memory Rocket.Chat room store for the invite rules' unit tests (channels.invite, groups.invite), and a room to put in it. */
import type { ChannelInviteStore } from '../../functions/dialects/rocketchat/domain/channels-invite';
import type { Room, RoomMember, User, UserRef } from '../../functions/model';
import type { RoomAddition } from '../../functions/dialects/rocketchat/store/rocketchat-rooms';

/** A Rocket.Chat room (a public channel `R1` named general, owned by `O`), with what a test changes. */
export const roomFixture = (overrides: Partial<Room> = {}): Room => ({
  _id: 'R1',
  t: 'c',
  name: 'general',
  fname: 'general',
  msgs: 0,
  usersCount: 1,
  u: { _id: 'O', username: 'owner' },
  ts: '',
  ro: false,
  sysMes: true,
  default: false,
  _updatedAt: '',
  ...overrides,
});

export function fakeRoomStore(rooms: Room[], members: RoomMember[], users: UserRef[]) {
  const added: RoomAddition[] = [];
  const store: ChannelInviteStore = {
    findRoomIdByName: async (name) => rooms.find((room) => room.name === name)?._id,
    readInviteContext: async (input) => ({
      room: rooms.find((room) => room._id === input.roomId),
      inviterMembership: members.find((m) => m.rid === input.roomId && m.u._id === input.inviterId),
      users: {
        byId: new Map(users.filter((u) => input.userIds.includes(u._id)).map((u) => [u._id, u])),
        byUsername: new Map(
          users.filter((u) => input.usernames.includes(u.username.toLowerCase())).map((u) => [u.username.toLowerCase(), u]),
        ),
      },
      storedGrants: new Map(),
      memberIds: new Set(
        members.filter((m) => m.rid === input.roomId && m.status !== 'BANNED' && input.userIds.includes(m.u._id)).map((m) => m.u._id),
      ),
      bannedIds: new Set(
        members.filter((m) => m.rid === input.roomId && m.status === 'BANNED' && input.userIds.includes(m.u._id)).map((m) => m.u._id),
      ),
    }),
    readBannedUsers: async (roomId, userIds) =>
      new Set(members.filter((m) => m.rid === roomId && m.status === 'BANNED' && userIds.includes(m.u._id)).map((m) => m.u._id)),
    addRoomMembers: async (_roomId, additions) => {
      added.push(...additions);
      return { added: additions.map((a) => a.member.u._id) };
    },
    getRoom: async (id) => rooms.find((room) => room._id === id),
  };
  return { store, added };
}

/** A user as a unit test's in-memory store holds it: `_id` the given id, username its lower case. */
export const userFixture = (id: string, roles = ['user']): User => ({
  _id: id,
  userId: 1,
  username: id.toLowerCase(),
  roles,
  active: true,
  createdAt: '',
});

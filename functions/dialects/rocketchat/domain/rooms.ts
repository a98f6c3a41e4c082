/** Rocket.Chat rooms: how a room, a membership and the "user added" message look when made. */
import { ServiceError } from '../../../errors';
import { clock } from '../../../lib/clock';
import { randomId } from '../../../lib/ids';
import { eventNote } from '../../../events/catalogue';
import type { MembershipOrigin, Room, RoomMember, RoomMessage, RoomType, UserRef } from '../../../model';
import * as roomStore from '../store/rocketchat-rooms';

export interface NewRoom {
  name: string;
  type: RoomType;
  owner: UserRef;
  members?: UserRef[];
  moderators?: UserRef[];
  archived?: boolean;
}

const ref = (user: UserRef): UserRef => ({ _id: user._id, username: user.username });

export const newMembership = (roomId: string, user: UserRef, roles: string[], ts: string, via: MembershipOrigin): RoomMember => ({
  _id: randomId(),
  rid: roomId,
  u: ref(user),
  roles,
  ts,
  via,
});

/** Rocket.Chat's `au` system message: `msg` is the added user's username, `u` who added them. */
export const userAddedMessage = (roomId: string, addedBy: UserRef, added: UserRef, ts: string): RoomMessage => ({
  _id: randomId(),
  rid: roomId,
  t: 'au',
  msg: added.username,
  u: ref(addedBy),
  groupable: false,
  ts,
  _updatedAt: ts,
});

/** Creates a room: the owner holds `owner`, moderators `moderator`; its name is unique. */
export async function createRoom(input: NewRoom, store: Pick<typeof roomStore, 'insertRoom'> = roomStore): Promise<Room> {
  const now = clock.iso();
  const roles = new Map<string, { user: UserRef; roles: string[] }>();
  for (const user of input.members ?? []) roles.set(user._id, { user, roles: [] });
  for (const user of input.moderators ?? []) roles.set(user._id, { user, roles: ['moderator'] });
  roles.set(input.owner._id, { user: input.owner, roles: ['owner'] });
  if (roles.size > roomStore.MAX_INITIAL_ROOM_MEMBERS) {
    throw new ServiceError('invalid_request', `A room is created with at most ${roomStore.MAX_INITIAL_ROOM_MEMBERS} members`);
  }
  const room: Room = {
    _id: randomId(),
    t: input.type,
    name: input.name,
    fname: input.name,
    msgs: 0,
    usersCount: roles.size,
    u: ref(input.owner),
    ts: now,
    ro: false,
    sysMes: true,
    default: false,
    _updatedAt: now,
    ...(input.archived ? { archived: true } : {}),
  };
  const members = [...roles.values()].map((member) => newMembership(room._id, member.user, member.roles, now, { how: 'created' }));
  const outcome = await store.insertRoom(room, members);
  if (outcome === 'name-taken') throw new ServiceError('conflict', `A room named "${room.name}" already exists`);
  if (outcome !== 'created') throw new ServiceError('unavailable', 'Could not create the room, try again');
  return room;
}

/**
 * Adds users to a room as plain members, each with its `au` message and the room's counters in
 * one transaction (see store/rocketchat-rooms.ts addRoomMembers); existing members are skipped.
 */
export async function addUsersToRoom(
  roomId: string,
  addedBy: UserRef,
  users: UserRef[],
  store: Pick<typeof roomStore, 'addRoomMembers'> = roomStore,
): Promise<{ added: string[] }> {
  const now = clock.iso();
  const result = await store.addRoomMembers(
    roomId,
    users.map((user) => ({
      member: newMembership(roomId, user, [], now, { how: 'invited', by: ref(addedBy) }),
      message: userAddedMessage(roomId, addedBy, user, now),
    })),
  );
  return result;
}

/** Removes a member (an operator's removal: the admin CLI); false if they were none. */
export const removeRoomMember = (roomId: string, userId: string) =>
  roomStore.deleteRoomMember(
    roomId,
    userId,
    clock.iso(),
    eventNote('Member Removed', { dialect: 'rocketchat', roomId, userId, how: 'removed' }),
  );

/**
 * Rocket.Chat room bans, as far as invitations need them (rest-typings 8.6.1: `rooms.banUser`,
 * `rooms.unbanUser` `{roomId, userId | username}`, `rooms.bannedUsers` `{roomId}`). A ban takes
 * the user out of the room and keeps them out: links (`useInviteToken`), `channels.invite` and
 * `groups.invite` refuse them with `error-user-is-banned` until they are unbanned. Permission
 * `ban-user` in the room's scope (admin, owner, moderator by default).
 */
import { ServiceError } from '../../../errors';
import { eventNote } from '../../../events/catalogue';
import { clock } from '../../../lib/clock';
import { randomId } from '../../../lib/ids';
import type { EventNote, RoomMember, RoomMessage, User, UserRef } from '../../../model';
import { getUser } from '../../../store/users';
import type { InviteReads } from '../store/rocketchat-rooms';
import * as roomStore from '../store/rocketchat-rooms';
import * as banStore from '../store/room-bans';
import type { ChannelInviteStore } from './channels-invite';
import { grantedRoles, holdsPermission } from './permissions';

export interface RoomBanStore {
  readInviteContext: ChannelInviteStore['readInviteContext'];
  getRoomMember(roomId: string, userId: string): Promise<RoomMember | undefined>;
  listBannedMembers(roomId: string): Promise<RoomMember[]>;
  getUser(userId: string): Promise<User | undefined>;
  putBan(ban: RoomMember, wasMember: boolean, message: RoomMessage, notes: readonly EventNote[]): Promise<banStore.BanOutcome>;
  deleteBan(roomId: string, userId: string, message: RoomMessage, note: EventNote): Promise<boolean>;
}

const dynamoStore: RoomBanStore = { ...roomStore, ...banStore, getUser };

export interface BanParams {
  roomId: string;
  userId?: string;
  username?: string;
}

const meteorError = (code: string, message: string, method: string) =>
  new ServiceError('invalid_request', message, { code, details: { method } });

/** The room, the caller's right to ban in it, and the user named: Rocket.Chat's checks, in its order. */
async function banContext(caller: User, params: BanParams, method: string, store: RoomBanStore) {
  if (!params.userId && !params.username) {
    throw meteorError('error-invalid-user', 'Please provide "userId" or "username" as param', method);
  }
  const username = params.userId ? undefined : params.username!.replace(/^@/, '').toLowerCase();
  const reads: InviteReads = await store.readInviteContext({
    roomId: params.roomId,
    inviterId: caller._id,
    userIds: params.userId ? [params.userId] : [],
    usernames: username ? [username] : [],
    permissions: ['ban-user'],
  });
  const room = reads.room;
  if (!room || (room.t !== 'c' && room.t !== 'p')) throw meteorError('error-invalid-room', 'Invalid room', method);
  const roles = [...caller.roles, ...(reads.inviterMembership?.roles ?? [])];
  if (!holdsPermission(grantedRoles(reads.storedGrants, ['ban-user']), 'ban-user', roles)) {
    throw new ServiceError('forbidden', 'Not allowed', { code: 'error-not-allowed', details: { method } });
  }
  const target = params.userId ? reads.users.byId.get(params.userId) : reads.users.byUsername.get(username!);
  if (!target) throw meteorError('error-invalid-user', 'Invalid user', method);
  return { room, target };
}

/** A ban's event: `Member Banned` or `Member Unbanned`, the user and who did it. */
const banNote = (type: 'Member Banned' | 'Member Unbanned', roomId: string, target: UserRef, by: UserRef) =>
  eventNote(type, { dialect: 'rocketchat', roomId, userId: target._id, username: target.username, by: { userId: by._id } });

const systemMessage = (roomId: string, t: 'user-banned' | 'user-unbanned', by: UserRef, target: UserRef, ts: string): RoomMessage => ({
  _id: randomId(),
  rid: roomId,
  t,
  msg: target.username,
  u: { _id: by._id, username: by.username },
  groupable: false,
  ts,
  _updatedAt: ts,
});

/**
 * POST /api/v1/rooms.banUser: the user's membership item becomes the ban (a member leaves the
 * room: `usersCount` − 1, `Member Removed` with how `banned`), a `user-banned` message,
 * `Member Banned`. Banning a banned user changes nothing (200).
 */
export async function banUser(caller: User, params: BanParams, store: RoomBanStore = dynamoStore): Promise<Record<string, never>> {
  const { room, target } = await banContext(caller, params, 'banUser', store);
  if (target._id === caller._id) throw meteorError('error-not-allowed', 'You cannot ban yourself', 'banUser');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const current = await store.getRoomMember(room._id, target._id);
    if (current?.status === 'BANNED') return {};
    const now = clock.iso();
    const by = { _id: caller._id, username: caller.username };
    const ban: RoomMember = {
      _id: current?._id ?? randomId(),
      rid: room._id,
      u: target,
      roles: [],
      ts: now,
      status: 'BANNED',
      bannedBy: by,
    };
    const banned = banNote('Member Banned', room._id, target, by);
    const removed = eventNote('Member Removed', {
      dialect: 'rocketchat',
      roomId: room._id,
      userId: target._id,
      how: 'banned',
      by: { userId: caller._id },
    });
    const outcome = await store.putBan(
      ban,
      current !== undefined,
      systemMessage(room._id, 'user-banned', by, target, now),
      current ? [removed, banned] : [banned],
    );
    if (outcome === 'banned') return {};
  }
  throw new ServiceError('unavailable', 'Could not ban the user, try again');
}

/**
 * POST /api/v1/rooms.unbanUser: the ban goes (the user may be invited or use a link again), a
 * `user-unbanned` message, `Member Unbanned`. Someone not banned: nothing written (200).
 */
export async function unbanUser(caller: User, params: BanParams, store: RoomBanStore = dynamoStore): Promise<Record<string, never>> {
  const { room, target } = await banContext(caller, params, 'unbanUser', store);
  const now = clock.iso();
  const by = { _id: caller._id, username: caller.username };
  const note = banNote('Member Unbanned', room._id, target, by);
  // Unbanning someone not banned changes nothing (200), as banning someone banned.
  await store.deleteBan(room._id, target._id, systemMessage(room._id, 'user-unbanned', by, target, now), note);
  return {};
}

/** GET /api/v1/rooms.bannedUsers?roomId=…: a page of `{_id, username, name}`, Rocket.Chat's paging fields. */
export async function bannedUsers(
  caller: User,
  params: { roomId: string; offset: number; count: number },
  store: RoomBanStore = dynamoStore,
) {
  const { room } = await banContext(caller, { roomId: params.roomId, userId: caller._id }, 'bannedUsers', store);
  const bans = (await store.listBannedMembers(room._id)).sort((a, b) => a.u.username.localeCompare(b.u.username));
  const page = bans.slice(params.offset, params.offset + params.count);
  const users = await Promise.all(page.map((ban) => store.getUser(ban.u._id)));
  return {
    bannedUsers: page.map((ban, i) => ({ _id: ban.u._id, username: ban.u.username, name: users[i]?.name ?? ban.u.username })),
    count: page.length,
    offset: params.offset,
    total: bans.length,
  };
}

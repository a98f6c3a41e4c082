/**
 * Rocket.Chat `channels.invite`: the checks of `findChannelByIdOrName`, `getUserListFromParams`
 * and `addUsersToRoom`, in Rocket.Chat's order (see ../README.md).
 */
import { ServiceError } from '../../../errors';
import type { Room, RoomMember, User, UserRef } from '../../../model';
import type { InviteReads, RoomAddition } from '../store/rocketchat-rooms';
import * as roomStore from '../store/rocketchat-rooms';
import type { UserLookup } from '../../../store/users';
import { type ChannelView, toChannelView } from './channel-view';
import { grantedRoles, holdsPermission } from './permissions';
import { MAX_INVITEES } from './limits';
import { addUsersToRoom } from './rooms';

export interface ChannelsInviteParams {
  roomId?: string;
  roomName?: string;
  userId?: string;
  userIds?: string[];
  username?: string;
  usernames?: string[];
  user?: string;
}

/** The store operations an invite needs (the DynamoDB store, or a fake in unit tests). */
export interface ChannelInviteStore {
  findRoomIdByName(name: string): Promise<string | undefined>;
  readInviteContext(input: {
    roomId: string;
    inviterId: string;
    userIds: string[];
    usernames: string[];
    permissions: readonly string[];
  }): Promise<InviteReads>;
  addRoomMembers(roomId: string, additions: RoomAddition[]): Promise<{ added: string[] }>;
  getRoom(roomId: string): Promise<Room | undefined>;
  /** Which of these users are banned from the room (invitees named by username: their memberships were not read). */
  readBannedUsers(roomId: string, userIds: readonly string[]): Promise<Set<string>>;
}

/** Upper bound on invitees per request, all lists together, de-duplicated (bulk invites are batched, see store/rocketchat-rooms.ts). */

/** Refuses a request naming more than MAX_INVITEES distinct users across all its lists, before any read. */
export function checkInviteeCount(list: { userIds: string[]; usernames: string[] }): void {
  if (list.userIds.length + list.usernames.length > MAX_INVITEES) {
    throw new ServiceError('invalid_request', `at most ${MAX_INVITEES} users can be invited at once`);
  }
}

export const INVITE_PERMISSIONS = ['add-user-to-joined-room', 'add-user-to-any-c-room', 'add-user-to-any-p-room'] as const;

const roomNotFound = () =>
  new ServiceError('invalid_request', 'The required "roomId" or "roomName" param provided does not match any channel', {
    code: 'error-room-not-found',
  });

/**
 * The reads run while the rate limit's count does; the write waits for its admission (the store's
 * request gate, lib/request-gate.ts).
 */
export async function inviteToChannel(
  inviter: User,
  params: ChannelsInviteParams,
  store: ChannelInviteStore = roomStore,
): Promise<ChannelView> {
  const { userIds, usernames } = userListFromParams(params);
  checkInviteeCount({ userIds, usernames });
  const roomId = await resolveRoomId(params, store);
  const context = await store.readInviteContext({ roomId, inviterId: inviter._id, userIds, usernames, permissions: INVITE_PERMISSIONS });
  return addInvitees(
    {
      inviter,
      room: checkChannel(context.room),
      context,
      userIds,
      usernames,
      noneFound: () =>
        new ServiceError('invalid_request', 'Cannot invite if no users are provided', {
          code: 'invalid-user-invite-list',
          rocketChatFailure: true,
        }),
    },
    store,
  );
}

/**
 * What channels.invite and groups.invite share once the room is found, in Rocket.Chat's order:
 * some user named, some user found (`noneFound`: each route's own error), the permission; then
 * the write of those not yet members and the re-read of the room, for its exact counts (rooms are
 * never deleted or archived, so the room as read is still the room written to).
 */
export async function addInvitees(
  input: {
    inviter: User;
    room: Room;
    context: InviteReads;
    userIds: string[];
    usernames: string[];
    noneFound: () => ServiceError;
  },
  store: ChannelInviteStore,
): Promise<ChannelView> {
  const { inviter, room, context } = input;
  if (input.userIds.length === 0 && input.usernames.length === 0) {
    throw new ServiceError('invalid_request', 'Please provide "userId" or "username" or "userIds" or "usernames" as param', {
      code: 'error-users-params-not-provided',
    });
  }
  const invitees = resolveInvitees(context.users, input.userIds, input.usernames);
  if (invitees.length === 0) throw input.noneFound();
  if (!canAddUsers(inviter, room, context.inviterMembership, grantedRoles(context.storedGrants, INVITE_PERMISSIONS))) {
    throw new ServiceError('forbidden', 'Not allowed', { code: 'error-not-allowed', details: { method: 'addUsersToRoom' } });
  }
  // A banned invitee refuses the whole request before anything is written (upstream 8.x:
  // `error-user-is-banned`; its clients then offer to unban and invite again).
  const unread = invitees.filter((invitee) => !context.memberIds.has(invitee._id) && !context.bannedIds.has(invitee._id));
  const banned =
    context.bannedIds.size > 0 || unread.length === 0 || input.usernames.length === 0
      ? context.bannedIds
      : await store.readBannedUsers(
          room._id,
          unread.map((invitee) => invitee._id),
        );
  if (invitees.some((invitee) => banned.has(invitee._id))) {
    throw new ServiceError('invalid_request', 'User is banned from this room', {
      code: 'error-user-is-banned',
      details: { method: 'addUsersToRoom' },
    });
  }
  // Members already (read with the rest) are left out; with nobody left, nothing is written and
  // the room as read is the reply.
  const newcomers = invitees.filter((invitee) => !context.memberIds.has(invitee._id));
  if (newcomers.length === 0) return toChannelView(room);
  await addUsersToRoom(room._id, inviter, newcomers, store);
  return toChannelView((await store.getRoom(room._id)) ?? room);
}

async function resolveRoomId(params: ChannelsInviteParams, store: Pick<ChannelInviteStore, 'findRoomIdByName'>): Promise<string> {
  if (params.roomId?.trim()) return params.roomId;
  if (params.roomName?.trim()) {
    const roomId = await store.findRoomIdByName(params.roomName);
    if (!roomId) throw roomNotFound();
    return roomId;
  }
  throw new ServiceError('invalid_request', 'The parameter "roomId" or "roomName" is required', {
    code: 'error-roomid-param-not-provided',
  });
}

function checkChannel(room: Room | undefined): Room {
  if (!room || (room.t !== 'c' && room.t !== 'l')) throw roomNotFound();
  if (room.archived) {
    throw new ServiceError('invalid_request', `The channel, ${room.name}, is archived`, { code: 'error-room-archived' });
  }
  return room;
}

/** Single and list forms combined and de-duplicated; usernames lose a leading `@` and match case-insensitively. */
export function userListFromParams(params: ChannelsInviteParams): { userIds: string[]; usernames: string[] } {
  const ids = [params.userId, ...(params.userIds ?? [])].filter((id): id is string => !!id?.trim());
  const names = [params.username, params.user, ...(params.usernames ?? [])]
    .filter((name): name is string => !!name?.trim())
    .map((name) => name.trim().replace(/^@/, ''))
    .filter((name) => name.length > 0);
  return {
    userIds: [...new Set(ids)],
    usernames: [...new Set(names.map((name) => name.toLowerCase()))],
  };
}

/** The users the lists name, ids first, unknown ones dropped, each user once. */
export function resolveInvitees(found: UserLookup, userIds: string[], usernames: string[]): UserRef[] {
  const invitees = new Map<string, UserRef>();
  for (const id of userIds) {
    const user = found.byId.get(id);
    if (user) invitees.set(user._id, user);
  }
  for (const name of usernames) {
    const user = found.byUsername.get(name.toLowerCase());
    if (user) invitees.set(user._id, user);
  }
  return [...invitees.values()];
}

/** Rocket.Chat's `addUsersToRoom` rule: room-scoped roles are the inviter's global roles plus the membership's. */
export function canAddUsers(
  inviter: Pick<User, 'roles'>,
  room: Pick<Room, 't'>,
  membership: Pick<RoomMember, 'roles'> | undefined,
  grants: ReadonlyMap<string, readonly string[]>,
): boolean {
  if (membership && holdsPermission(grants, 'add-user-to-joined-room', [...inviter.roles, ...membership.roles])) return true;
  if (room.t === 'c' && holdsPermission(grants, 'add-user-to-any-c-room', inviter.roles)) return true;
  return room.t === 'p' && holdsPermission(grants, 'add-user-to-any-p-room', inviter.roles);
}

/**
 * Rocket.Chat `channels.invite`: the checks of `findChannelByIdOrName`, `getUserListFromParams`
 * and `addUsersToRoom`, in Rocket.Chat's order (see shared spec note and README).
 */
import { ServiceError } from '../../errors';
import type { Admission } from '../../http/types';
import { addRoomMembers, findRoomIdByName, getRoom, type InviteContext, readInviteContext, type Room } from '../../store/rooms';
import type { User } from '../../store/users';
import { type ChannelView, toChannelView } from './channel-view';

export interface ChannelsInviteParams {
  roomId?: string;
  roomName?: string;
  userId?: string;
  userIds?: string[];
  username?: string;
  usernames?: string[];
  user?: string;
}

const PERMISSIONS = ['add-user-to-joined-room', 'add-user-to-any-c-room', 'add-user-to-any-p-room'] as const;

const roomNotFound = () =>
  new ServiceError('invalid_request', 'The required "roomId" or "roomName" param provided does not match any channel', {
    code: 'error-room-not-found',
  });

/**
 * `admission` settles the rate limit: awaited alongside the reads, so its round trip overlaps
 * them, and before anything is written.
 */
export async function inviteToChannel(inviter: User, params: ChannelsInviteParams, admission: Admission): Promise<ChannelView> {
  const { userIds, usernames } = userListFromParams(params);
  const [context] = await Promise.all([
    resolveRoomId(params).then((roomId) =>
      readInviteContext({ roomId, inviterId: inviter._id, userIds, usernames, permissions: PERMISSIONS }),
    ),
    admission(),
  ]);
  const room = checkChannel(context.room);
  if (userIds.length === 0 && usernames.length === 0) {
    throw new ServiceError(
      'invalid_request',
      'Please provide "userId" or "username" or "userIds" or "usernames" as param',
      { code: 'error-users-params-not-provided' },
    );
  }
  if (context.invitees.length === 0) {
    throw new ServiceError('invalid_request', 'Cannot invite if no users are provided', {
      code: 'invalid-user-invite-list',
      rocketChatFailure: true,
    });
  }
  if (!canAddUsers(inviter, room, context)) {
    throw new ServiceError('forbidden', 'Not allowed', { code: 'error-not-allowed', details: { method: 'addUsersToRoom' } });
  }
  // If the room vanished or was archived meanwhile (the write was rejected), the re-read says so.
  await addRoomMembers(room._id, inviter, context.invitees);
  return toChannelView(checkChannel(await getRoom(room._id)));
}

async function resolveRoomId(params: ChannelsInviteParams): Promise<string> {
  if (params.roomId?.trim()) return params.roomId;
  if (params.roomName?.trim()) {
    const roomId = await findRoomIdByName(params.roomName);
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
function userListFromParams(params: ChannelsInviteParams): { userIds: string[]; usernames: string[] } {
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

/** Rocket.Chat's `addUsersToRoom` rule: room-scoped roles are the inviter's global roles plus the membership's. */
function canAddUsers(inviter: User, room: Room, context: InviteContext): boolean {
  const granted = (permission: string, roles: string[]) =>
    (context.permissionRoles.get(permission) ?? []).some((role) => roles.includes(role));
  if (context.inviterMembership && granted('add-user-to-joined-room', [...inviter.roles, ...context.inviterMembership.roles])) {
    return true;
  }
  if (room.t === 'c' && granted('add-user-to-any-c-room', inviter.roles)) return true;
  return room.t === 'p' && granted('add-user-to-any-p-room', inviter.roles);
}

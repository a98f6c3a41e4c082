/**
 * Rocket.Chat `groups.invite` (7.x groups.ts): the room by id or name (`findOneByIdOrName`, no
 * archived check), private groups only, the user list read by ids when any id was given and by
 * usernames otherwise, then `addUsersToRoom` as for channels.
 */
import { ServiceError } from '../../../errors';
import type { Room, User } from '../../../model';
import * as roomStore from '../store/rocketchat-rooms';
import type { ChannelView } from './channel-view';
import { addInvitees, type ChannelInviteStore, type ChannelsInviteParams, checkInviteeCount, INVITE_PERMISSIONS } from './channels-invite';

/** The same params as channels.invite. */
export type GroupsInviteParams = ChannelsInviteParams;

const groupNotFound = () =>
  new ServiceError('invalid_request', 'The required "roomId" or "roomName" param provided does not match any group', {
    code: 'error-room-not-found',
  });

/** `userIds || usernames`, plus `userId || username || user`, de-duplicated; by id when any id was given. */
export function groupsUserList(params: GroupsInviteParams): { userIds: string[]; usernames: string[] } {
  const byId = params.userIds !== undefined || params.userId !== undefined;
  const list = [...(params.userIds ?? params.usernames ?? []), params.userId ?? params.username ?? params.user].filter(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
  const unique = [...new Set(list)];
  return byId ? { userIds: unique, usernames: [] } : { userIds: [], usernames: unique.map((name) => name.replace(/^@/, '').toLowerCase()) };
}

export async function inviteToGroup(
  inviter: User,
  params: GroupsInviteParams,
  store: ChannelInviteStore = roomStore,
): Promise<ChannelView> {
  const idOrName = params.roomId || params.roomName;
  if (!idOrName?.trim()) {
    throw new ServiceError('invalid_request', 'The parameter "roomId" or "roomName" is required', {
      code: 'error-room-param-not-provided',
    });
  }
  const { userIds, usernames } = groupsUserList(params);
  checkInviteeCount({ userIds, usernames });
  // By id, else by name: Rocket.Chat's `{$or: [{_id}, {name}]}`.
  const read = (roomId: string) =>
    store.readInviteContext({ roomId, inviterId: inviter._id, userIds, usernames, permissions: INVITE_PERMISSIONS });
  const byId = await read(idOrName);
  const roomIdByName = byId.room ? undefined : await store.findRoomIdByName(idOrName);
  const context = byId.room || !roomIdByName ? byId : await read(roomIdByName);
  return addInvitees(
    {
      inviter,
      room: privateGroup(context.room),
      context,
      userIds,
      usernames,
      noneFound: () =>
        new ServiceError('invalid_request', 'Cannot invite if no valid users are provided', { code: 'error-empty-invite-list' }),
    },
    store,
  );
}

/** A private group, or "does not match any group" (no archived check, as upstream). */
function privateGroup(room: Room | undefined): Room {
  if (room?.t !== 'p') throw groupNotFound();
  return room;
}

/**
 * The event notes of a QuranReflect group's life that its items cannot tell: who left or was
 * removed, and how an invitation was answered. Each is written in the transaction that makes the
 * change (store), and the table's stream publishes it (functions/events/catalogue.ts has the schemas).
 */
import { closedDetail, inviteeOf } from './events';
import { eventNote as note } from '../../../events/catalogue';
import type { EventNote, Group } from '../../../model';
import type { StoredInvitation } from '../store/items';
import { roomsUserId } from './rooms-user-id';

export const memberRemoved = (
  group: Pick<Group, 'id'>,
  member: { userId: number },
  how: 'left' | 'removed',
  by?: { userId: number },
): EventNote =>
  note('Member Removed', {
    dialect: 'quranreflect',
    roomId: Number(group.id),
    userId: roomsUserId(member.userId),
    how,
    ...(by ? { by: { userId: roomsUserId(by.userId) } } : {}),
  });

export const invitationAnswered = (
  type: 'Invitation Accepted' | 'Invitation Rejected',
  invitation: StoredInvitation,
  by: number,
): EventNote =>
  note(type, {
    dialect: 'quranreflect',
    roomId: Number(invitation.groupId),
    invitee: inviteeOf(invitation.invitee),
    userId: roomsUserId(by),
    invitedBy: { userId: roomsUserId(invitation.invitedBy.userId) },
  });

export const invitationRevoked = (invitation: StoredInvitation): EventNote => note('Invitation Revoked', closedDetail(invitation));

/**
 * The events of a group invitation's life. `Invitation Created` carries the only copy of the clear
 * token, inside the accept and reject links built on the API's public base URL (PUBLIC_BASE_URL).
 */
import type { ServiceEvent } from '../../events/publisher';
import type { Group } from '../../model';
import type { StoredInvitation } from '../../store/items';

const publicBaseUrl = () => (process.env.PUBLIC_BASE_URL ?? '').replace(/\/+$/, '');

/** Rooms API user ids are the decimal string of the integer user id. */
export const roomsUserId = (userId: number) => String(userId);

export function invitationLinks(groupId: string, token: string) {
  const query = `token=${encodeURIComponent(token)}`;
  return {
    acceptUrl: `${publicBaseUrl()}/v1/rooms/${groupId}/accept-invite?${query}`,
    rejectUrl: `${publicBaseUrl()}/v1/rooms/${groupId}/reject-invite?${query}`,
  };
}

const inviteeOf = (invitation: StoredInvitation) =>
  '_id' in invitation.invitee ? { userId: roomsUserId(invitation.invitee.userId) } : { email: invitation.invitee.email };

export const invitationCreated = (invitation: StoredInvitation, token: string): ServiceEvent => ({
  type: 'Invitation Created',
  detail: {
    roomId: Number(invitation.groupId),
    invitee: inviteeOf(invitation),
    invitedBy: { userId: roomsUserId(invitation.lastInvitedBy.userId) },
    ...invitationLinks(invitation.groupId, token),
    expiresAt: new Date(invitation.expiresAt * 1000).toISOString(),
  },
});

export const invitationAnswered = (type: 'Invitation Accepted' | 'Invitation Rejected', invitation: StoredInvitation, by: number): ServiceEvent => ({
  type,
  detail: { roomId: Number(invitation.groupId), invitee: inviteeOf(invitation), userId: roomsUserId(by), invitedBy: { userId: roomsUserId(invitation.invitedBy.userId) } },
});

export const memberChanged = (
  type: 'Member Added' | 'Member Removed',
  group: Pick<Group, 'id'>,
  member: { userId: number },
  how: 'joined' | 'private-link' | 'left' | 'removed',
  by?: { userId: number },
): ServiceEvent => ({
  type,
  detail: { roomId: Number(group.id), userId: roomsUserId(member.userId), how, ...(by ? { by: { userId: roomsUserId(by.userId) } } : {}) },
});


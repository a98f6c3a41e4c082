/**
 * QuranReflect's events from its entities' changes: a group membership created is `Member Added`
 * (users by their Rooms id); an invitation written with a new token is `Invitation Created` (the
 * accept link rebuilt from its nonce with the token key); one that DynamoDB's TTL deleted is
 * `Invitation Expired`. Accepting, rejecting and revoking delete it with a note that tells.
 */
import { type DeriveDependencies, type EventRule, memberAdded } from '../../../domain/events/derive-events';
import type { EventDetail, ServiceEvent } from '../../../events/catalogue';
import { hashToken } from '../../../lib/ids';
import type { NumberedUserRef } from '../../../model';
import type { GroupMemberChange } from '../store/entities/group';
import type { InvitationChange } from '../store/entities/invitation';
import { roomsUserId } from './rooms-user-id';

type Item = Record<string, unknown>;

/** A QuranReflect invitee as events name it: the Rooms user id, or the e-mail address. */
export const inviteeOf = (invitee: NumberedUserRef | { email: string }) =>
  '_id' in invitee ? { userId: roomsUserId(invitee.userId) } : { email: invitee.email };

export function invitationLinks(publicBaseUrl: string, groupId: string, token: string) {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const query = `token=${encodeURIComponent(token)}`;
  return {
    acceptUrl: `${base}/v1/rooms/${groupId}/accept-invite?${query}`,
    rejectUrl: `${base}/v1/rooms/${groupId}/reject-invite?${query}`,
  };
}

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

export const quranReflectEvents: EventRule = async (change, deps) => {
  const own = change as GroupMemberChange | InvitationChange;
  switch (own.entity) {
    case 'quranreflect:group-member': {
      const byNumber = own.member.via?.by?.userId;
      return memberAdded(own, {
        dialect: 'quranreflect',
        roomId: Number(own.groupId),
        userId: own.member.userNumber !== undefined ? roomsUserId(own.member.userNumber) : own.member.userId,
        ...(byNumber !== undefined ? { by: { userId: roomsUserId(byNumber) } } : {}),
      });
    }
    case 'quranreflect:invitation':
      return invitationEvents(own, deps);
    default:
      return undefined;
  }
};

async function invitationEvents(change: InvitationChange, deps: DeriveDependencies): Promise<ServiceEvent[]> {
  const { before, after } = change;
  if (change.change === 'remove') {
    // Accepting, rejecting and revoking delete it with a note that tells; only TTL's deletion is told here.
    if (!change.byTtl || !before) return [];
    return [{ type: 'Invitation Expired', detail: closedDetail(before) }];
  }
  // A new token (a new invitation, a renewal, an expired one replaced): the invitee must hear of it.
  if (!after || typeof after.tokenNonce !== 'string' || after.tokenHash === before?.tokenHash) return [];
  // An e-mail invitation made over to the account that took the address keeps its token, which
  // the address was told of: not a new invitation.
  if (change.change === 'insert' && after.claimedEmail !== undefined) return [];
  const groupId = String(after.groupId);
  const token = await deps.invitationToken(String(after.pk), String(after.sk), after.tokenNonce);
  // A link that would not accept is worse than none: the record is retried, then dead-lettered (and alarmed).
  if (hashToken(token) !== after.tokenHash)
    throw new Error('the rebuilt invitation token does not match the stored hash (was the token key changed?)');
  return [
    {
      type: 'Invitation Created',
      detail: {
        dialect: 'quranreflect',
        roomId: Number(groupId),
        invitee: inviteeOf(after.invitee as NumberedUserRef | { email: string }),
        invitedBy: { userId: roomsUserId((after.lastInvitedBy as NumberedUserRef).userId) },
        token,
        ...invitationLinks(deps.publicBaseUrl, groupId, token),
        expiresAt: iso(Number(after.expiresAt)),
        renewed:
          change.change === 'modify' && before !== undefined && Number(before.expiresAt) * 1000 > Date.parse(String(after.lastInvitedAt)),
      },
    },
  ];
}

/** An invitation's detail once closed (revoked or expired). */
export const closedDetail = (invitation: Item): EventDetail<'Invitation Expired'> => ({
  dialect: 'quranreflect',
  roomId: Number(invitation.groupId),
  invitee: inviteeOf(invitation.invitee as NumberedUserRef | { email: string }),
  invitedBy: { userId: roomsUserId((invitation.invitedBy as NumberedUserRef).userId) },
  expiresAt: iso(Number(invitation.expiresAt)),
});

/**
 * Rocket.Chat's events from its entities' changes: a room membership created is `Member Added`;
 * invite links are created, used (a use counted) and removed (by removeInvite, or by DynamoDB's
 * TTL once expired).
 */
import { type EventRule, memberAdded } from '../../../domain/events/derive-events';
import type { EventDetail, ServiceEvent } from '../../../events/catalogue';
import { type InviteLinkChange, publicLinkId } from '../store/entities/invite-link';
import type { RoomMemberChange } from '../store/entities/rocketchat-room';

export const rocketChatEvents: EventRule = async (change) => {
  const own = change as RoomMemberChange | InviteLinkChange;
  switch (own.entity) {
    case 'rocketchat:room-member': {
      const by = own.member.via?.by;
      return memberAdded(own, {
        dialect: 'rocketchat',
        roomId: own.roomId,
        userId: own.member.userId,
        ...(by ? { by: { userId: by._id } } : {}),
      });
    }
    case 'rocketchat:invite-link':
      return inviteLinkEvents(own);
    default:
      return undefined;
  }
};

function inviteLinkEvents(change: InviteLinkChange): ServiceEvent[] {
  const { before, after } = change;
  if (change.change === 'remove') {
    // A link moved to its hash (invite-links migrate) is not removed: its old item is marked first.
    return before && !before.movedTo
      ? [
          {
            type: 'Invite Link Removed',
            detail: {
              dialect: 'rocketchat',
              roomId: String(before.rid),
              linkId: publicLinkId(before as { _id: string; style?: string }),
              expired: change.byTtl,
            },
          },
        ]
      : [];
  }
  if (!after) return [];
  const detail: EventDetail<'Invite Link Created'> = {
    dialect: 'rocketchat',
    roomId: String(after.rid),
    linkId: publicLinkId(after as { _id: string; style?: string }),
    createdBy: { userId: String(after.userId) },
    days: Number(after.days),
    maxUses: Number(after.maxUses),
    expires: (after.expires as string | null) ?? null,
    uses: Number(after.uses),
  };
  // A moved link (legacy) was created long ago.
  if (change.change === 'insert') return after.style === 'legacy' ? [] : [{ type: 'Invite Link Created', detail }];
  return Number(after.uses) > Number(before?.uses ?? 0) ? [{ type: 'Invite Link Used', detail }] : [];
}

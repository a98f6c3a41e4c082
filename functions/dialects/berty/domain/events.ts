/** Berty's events from its entities' changes: a group membership created is `Member Added` (the group named by its public key). */
import { type EventRule, memberAdded } from '../../../domain/events/derive-events';
import type { BertyMemberChange } from '../store/entities/berty-group';

export const bertyEvents: EventRule = async (change) => {
  if (change.entity !== 'berty:member') return undefined;
  const own = change as BertyMemberChange;
  const by = own.member.via?.by;
  return memberAdded(own, {
    dialect: 'berty',
    roomId: own.publicKey.toString('base64'),
    userId: own.member.userId,
    ...(by ? { by: { userId: by._id } } : {}),
  });
};

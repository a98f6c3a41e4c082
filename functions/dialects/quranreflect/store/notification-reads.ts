/**
 * What the notifier reads to write a Rooms invitation e-mail, in two strongly consistent
 * BatchGetItem calls: the group, the invitee (its guard, then its user item for the address) and
 * the invitation as it stands now (a revoked, answered or renewed one is not e-mailed).
 */
import type { Group, User } from '../../../model';
import { batchGet, keyId } from '../../../store/batch';
import { type StoredInvitation, groupCodec, invitationCodec, invitationKey, userCodec, userGuardCodec } from './items';
import { keys } from './keys';

export interface RoomsInvitationReads {
  group?: Group;
  invitation?: StoredInvitation;
  /** The invitee's address: the one invited, or the account's (none when the account has none). */
  email?: string;
  /** The account invited, when it was one. */
  inviteeUser?: User;
}

export async function readRoomsInvitation(
  groupId: string,
  invitee: { userNumber: number } | { email: string },
): Promise<RoomsInvitationReads> {
  const groupKey = keys.group(groupId);
  if ('email' in invitee) {
    const invitationAt = invitationKey({ groupId, invitee: { email: invitee.email } });
    const items = await batchGet([groupKey, invitationAt]);
    return { ...decodeGroupAndInvitation(items, groupKey, invitationAt), email: invitee.email };
  }
  const guardKey = keys.userNumber(invitee.userNumber);
  const first = await batchGet([groupKey, guardKey]);
  const guard = first.get(keyId(guardKey));
  const group = first.get(keyId(groupKey));
  if (!guard) return { group: group && groupCodec.decode(group) };
  const ref = userGuardCodec.decode(guard);
  const invitationAt = invitationKey({ groupId, invitee: ref });
  const userAt = keys.user(ref._id);
  const second = await batchGet([invitationAt, userAt]);
  const user = second.get(keyId(userAt));
  const invitation = second.get(keyId(invitationAt));
  const inviteeUser = user && userCodec.decode(user);
  return {
    group: group && groupCodec.decode(group),
    invitation: invitation && invitationCodec.decode(invitation),
    inviteeUser,
    email: inviteeUser?.email,
  };
}

function decodeGroupAndInvitation(
  items: Map<string, Record<string, unknown>>,
  groupKey: { pk: string; sk: string },
  invitationAt: { pk: string; sk: string },
) {
  const group = items.get(keyId(groupKey));
  const invitation = items.get(keyId(invitationAt));
  return { group: group && groupCodec.decode(group), invitation: invitation && invitationCodec.decode(invitation) };
}

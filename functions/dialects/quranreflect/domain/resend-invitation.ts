/**
 * Resending a pending invitation, as WorkOS's `resend` and GitLab's do: a fresh token (the old
 * one stops working), the expiry moved, sent by whoever invited last. The table's stream then
 * tells `Invitation Created` (renewed), which the notifier e-mails; an e-mail of the old token
 * still queued is dropped, as its token no longer matches.
 */
import { ServiceError } from '../../../errors';
import { clock } from '../../../lib/clock';
import type { NumberedUserRef } from '../../../model';
import { expiryPolicies } from '../../../policies';
import { invitationTokenKey } from '../../../secrets/invitation-token-key';
import { listGroupInvitations, type UpsertOutcome, upsertInvitation } from '../store/invitations';
import type { StoredInvitation } from '../store/items';
import { newInvitation } from './invite-user';

export interface ResendStore {
  listGroupInvitations(groupId: string): Promise<StoredInvitation[]>;
  upsertInvitation(fresh: StoredInvitation, nowSeconds: number): Promise<UpsertOutcome>;
  tokenKey(): Promise<Buffer>;
}

const dynamoStore: ResendStore = { listGroupInvitations, upsertInvitation, tokenKey: invitationTokenKey };

/** The invitee: a Rooms user id, or an e-mail address invited without an account. */
export type ResendTarget = { userNumber: number } | { email: string };

export async function resendInvitation(groupId: string, target: ResendTarget, store: ResendStore = dynamoStore) {
  const nowMs = clock.now();
  const nowSeconds = Math.floor(nowMs / 1000);
  const pending = (await store.listGroupInvitations(groupId)).find(
    (invitation) =>
      invitation.expiresAt > nowSeconds &&
      ('email' in target
        ? 'email' in invitation.invitee && invitation.invitee.email === target.email.toLowerCase()
        : '_id' in invitation.invitee && (invitation.invitee as NumberedUserRef).userId === target.userNumber),
  );
  if (!pending) throw new ServiceError('not_found', 'No pending invitation to resend');
  const invitee =
    'email' in pending.invitee
      ? { kind: 'email' as const, email: pending.invitee.email }
      : { kind: 'user' as const, user: pending.invitee as NumberedUserRef };
  const { invitation } = newInvitation(
    groupId,
    invitee,
    pending.lastInvitedBy,
    nowMs,
    expiryPolicies.invitationTtlSeconds(),
    await store.tokenKey(),
  );
  const outcome = await store.upsertInvitation(invitation, nowSeconds);
  if (outcome !== 'invited')
    throw new ServiceError('conflict', outcome === 'already-member' ? 'The invitee is a member now' : 'The group is gone');
  return {
    groupId,
    invitee: 'email' in target ? { email: target.email.toLowerCase() } : { userId: String(target.userNumber) },
    expiresAt: new Date(invitation.expiresAt * 1000).toISOString(),
  };
}

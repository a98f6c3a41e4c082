/**
 * QuranReflect `inviteUser`: only a group's admins invite; an invitee is a user (by integer
 * userId, or by an e-mail that belongs to one) or an e-mail address without an account yet.
 * The result is one pending invitation per group and invitee, renewed when invited again.
 */
import { ServiceError } from '../../errors';
import { type EventPublisher, publisher } from '../../events/publisher';
import { clock } from '../../lib/clock';
import { hashToken, randomSecret } from '../../lib/ids';
import type { Admission, Invitee, NumberedUserRef, User } from '../../model';
import { expiryPolicies } from '../../policies';
import type { GroupInviteReads } from '../../store/groups';
import { readGroupInviteContext } from '../../store/groups';
import type { StoredInvitation } from '../../store/items';
import { upsertInvitation, type UpsertOutcome } from '../../store/invitations';
import { invitationCreated } from './invitation-events';

export interface InviteUserParams {
  /** A numeric group id (the request schema checks its form). */
  groupId: string;
  userId?: number;
  email?: string;
}

export interface GroupInviteStore {
  readGroupInviteContext(input: { groupId: string; callerId: string; userNumber?: number; email?: string }): Promise<GroupInviteReads>;
  upsertInvitation(fresh: StoredInvitation, nowSeconds: number, checkGroup?: boolean): Promise<UpsertOutcome>;
  publish: EventPublisher['publish'];
}

const groupNotFound = (groupId: string) => new ServiceError('not_found', `Group ${groupId} not found`);

/** An invitation token: 256 bits from the CSPRNG, URL-safe; stored only as its SHA-256. */
export const newInvitationToken = () => randomSecret();

/** A fresh invitation (first invite, or the replacement of an expired one) holding `token`'s hash. */
export function newInvitation(
  groupId: string,
  invitee: Invitee,
  by: NumberedUserRef,
  nowMs: number,
  ttlSeconds: number,
  token: string,
): StoredInvitation {
  const now = new Date(nowMs).toISOString();
  const inviter = { _id: by._id, userId: by.userId, username: by.username };
  return {
    groupId,
    invitee:
      invitee.kind === 'user'
        ? { _id: invitee.user._id, userId: invitee.user.userId, username: invitee.user.username }
        : { email: invitee.email.toLowerCase() },
    invitedBy: inviter,
    createdAt: now,
    lastInvitedBy: inviter,
    lastInvitedAt: now,
    expiresAt: Math.floor(nowMs / 1000) + ttlSeconds,
    invitesSent: 1,
    tokenHash: hashToken(token),
  };
}

export const groupInviteStore: GroupInviteStore = { readGroupInviteContext, upsertInvitation, publish: (events) => publisher.publish(events) };

/**
 * `admission` (the rate limit) is awaited alongside the reads and before the write. The
 * invitation (created or renewed, with a new token) is published as `Invitation Created` once
 * written; if publishing fails the request fails (5xx) and a retry renews it and publishes again,
 * so no invitation stays without its notification (the unpublished token is void by then).
 */
export async function inviteUserToGroup(
  caller: User,
  params: InviteUserParams,
  admission: Admission,
  store: GroupInviteStore = groupInviteStore,
): Promise<void> {
  const [context] = await Promise.all([
    store.readGroupInviteContext({ groupId: params.groupId, callerId: caller._id, userNumber: params.userId, email: params.email }),
    admission(),
  ]);
  if (!context.group) throw groupNotFound(params.groupId);
  if (context.callerMembership?.role !== 'admin') {
    throw new ServiceError('forbidden', 'Only admins of this group can invite users to it');
  }
  if (params.userId !== undefined && !context.invitee) {
    throw new ServiceError('not_found', `User ${params.userId} not found`);
  }
  const invitee: Invitee = context.invitee ? { kind: 'user', user: context.invitee } : { kind: 'email', email: params.email! };
  const nowMs = clock.now();
  const token = newInvitationToken();
  const invitation = newInvitation(params.groupId, invitee, caller, nowMs, expiryPolicies.invitationTtlSeconds(), token);
  const outcome = await store.upsertInvitation(invitation, Math.floor(nowMs / 1000));
  if (outcome === 'group-missing') throw groupNotFound(params.groupId);
  if (outcome === 'already-member') {
    throw new ServiceError('conflict', 'The user is already a member of this group', { code: 'already_a_member' });
  }
  await store.publish([invitationCreated(invitation, token)]);
}

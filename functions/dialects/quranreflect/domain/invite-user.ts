/**
 * QuranReflect `inviteUser`: only a group's admins invite; an invitee is a user (by integer
 * userId, or by an e-mail that belongs to one) or an e-mail address without an account yet.
 * The result is one pending invitation per group and invitee, renewed when invited again.
 */
import { ServiceError } from '../../../errors';
import { clock } from '../../../lib/clock';
import { issueInvitationToken } from '../../../lib/invitation-token';
import type { Invitee, NumberedUserRef, User } from '../../../model';
import { expiryPolicies } from '../../../policies';
import { type GroupInviteReads, readGroupInviteContext } from '../store/group-reads';
import type { StoredInvitation } from '../store/items';
import { invitationKey } from '../store/items';
import { upsertInvitation, type UpsertOutcome } from '../store/invitations';
import { invitationTokenKey } from '../../../secrets/invitation-token-key';

export interface InviteUserParams {
  /** A numeric group id (the request schema checks its form). */
  groupId: string;
  userId?: number;
  email?: string;
}

export interface GroupInviteStore {
  readGroupInviteContext(input: { groupId: string; callerId: string; userNumber?: number; email?: string }): Promise<GroupInviteReads>;
  upsertInvitation(fresh: StoredInvitation, nowSeconds: number, checkGroup?: boolean): Promise<UpsertOutcome>;
  /** The key invitation tokens are made with (read once per instance). */
  tokenKey(): Promise<Buffer>;
}

const groupNotFound = (groupId: string) => new ServiceError('not_found', `Group ${groupId} not found`);

/**
 * A fresh invitation (first invite, or the replacement of an expired one) with a new token: the
 * token is made from the invitation's key and a nonce under `tokenKey` (lib/invitation-token.ts);
 * the invitation keeps only the nonce and the token's hash. The clear token is returned for tests
 * and tools; the invitee gets it from the `Invitation Created` event.
 */
export function newInvitation(
  groupId: string,
  invitee: Invitee,
  by: NumberedUserRef,
  nowMs: number,
  ttlSeconds: number,
  tokenKey: Buffer,
): { invitation: StoredInvitation; token: string } {
  const now = new Date(nowMs).toISOString();
  const inviter = { _id: by._id, userId: by.userId, username: by.username };
  const fields = {
    groupId,
    invitee:
      invitee.kind === 'user'
        ? { _id: invitee.user._id, userId: invitee.user.userId, username: invitee.user.username }
        : { email: invitee.email.toLowerCase() },
  };
  const key = invitationKey(fields);
  const { token, tokenHash, tokenNonce } = issueInvitationToken(tokenKey, key.pk, key.sk);
  return {
    token,
    invitation: {
      ...fields,
      invitedBy: inviter,
      createdAt: now,
      lastInvitedBy: inviter,
      lastInvitedAt: now,
      expiresAt: Math.floor(nowMs / 1000) + ttlSeconds,
      invitesSent: 1,
      tokenHash,
      tokenNonce,
    },
  };
}

export const groupInviteStore: GroupInviteStore = { readGroupInviteContext, upsertInvitation, tokenKey: invitationTokenKey };

/**
 * The token key is read alongside the reads (and the rate-limit count, which the write waits for).
 * The invitation (created or renewed, with a new token) becomes `Invitation Created` from
 * the table's stream once committed: the request does not publish, and cannot fail after its write.
 */
export async function inviteUserToGroup(
  caller: User,
  params: InviteUserParams,
  store: GroupInviteStore = groupInviteStore,
): Promise<{ token: string }> {
  const [context, tokenKey] = await Promise.all([
    store.readGroupInviteContext({ groupId: params.groupId, callerId: caller._id, userNumber: params.userId, email: params.email }),
    store.tokenKey(),
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
  const { invitation, token } = newInvitation(params.groupId, invitee, caller, nowMs, expiryPolicies.invitationTtlSeconds(), tokenKey);
  const outcome = await store.upsertInvitation(invitation, Math.floor(nowMs / 1000));
  if (outcome === 'group-missing') throw groupNotFound(params.groupId);
  if (outcome === 'already-member') {
    throw new ServiceError('conflict', 'The user is already a member of this group', { code: 'already_a_member' });
  }
  // For tools (the demo data prints it); the API's reply does not carry it.
  return { token };
}

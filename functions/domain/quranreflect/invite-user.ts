/**
 * QuranReflect `inviteUser`: only a group's admins invite; an invitee is a user (by integer
 * userId, or by an e-mail that belongs to one) or an e-mail address without an account yet.
 * The result is one pending invitation per group and invitee, renewed when invited again.
 */
import { ServiceError } from '../../errors';
import type { Admission } from '../../http/types';
import { readGroupInviteContext } from '../../store/groups';
import { type Invitee, upsertGroupInvitation } from '../../store/invitations';
import type { User } from '../../store/users';

export interface InviteUserParams {
  groupId: string;
  userId?: number;
  email?: string;
}

const DAY_SECONDS = 86_400;
const invitationTtlSeconds = () => Math.round(Number(process.env.INVITATION_TTL_DAYS ?? 7) * DAY_SECONDS);

/** Group ids are numeric strings; anything else cannot name a group. */
const GROUP_ID = /^\d{1,20}$/;

const groupNotFound = (groupId: string) => new ServiceError('not_found', `Group ${groupId} not found`);

/** `admission` (the rate limit) is awaited alongside the reads and before the write. */
export async function inviteUserToGroup(caller: User, params: InviteUserParams, admission: Admission): Promise<void> {
  if (!GROUP_ID.test(params.groupId)) throw groupNotFound(params.groupId.slice(0, 64));
  const [context] = await Promise.all([
    readGroupInviteContext({ groupId: params.groupId, callerId: caller._id, userNumber: params.userId, email: params.email }),
    admission(),
  ]);
  if (!context.group) throw groupNotFound(params.groupId);
  if (context.callerMembership?.role !== 'admin') {
    throw new ServiceError('forbidden', 'Only admins of this group can invite users to it');
  }
  if (params.userId !== undefined && !context.invitee) {
    throw new ServiceError('not_found', `User ${params.userId} not found`);
  }
  const invitee: Invitee = context.invitee
    ? { kind: 'user', user: context.invitee }
    : { kind: 'email', email: params.email! };
  const outcome = await upsertGroupInvitation({
    groupId: params.groupId,
    invitee,
    invitedBy: { _id: caller._id, userId: caller.userId, username: caller.username },
    ttlSeconds: invitationTtlSeconds(),
  });
  if (outcome === 'group-missing') throw groupNotFound(params.groupId);
  if (outcome === 'already-member') {
    throw new ServiceError('conflict', 'The user is already a member of this group', { code: 'already_a_member' });
  }
}

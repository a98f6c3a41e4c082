/** QuranReflect groups: numbered in creation order; the creator is the first admin. */
import { ServiceError } from '../../errors';
import { clock } from '../../lib/clock';
import type { Group, GroupMember, Invitation, UserRef } from '../../model';
import { insertGroup, MAX_INITIAL_GROUP_MEMBERS } from '../../store/groups';
import { listGroupInvitations } from '../../store/invitations';
import { nextGroupNumber } from '../../store/users';

const ref = (user: UserRef): UserRef => ({ _id: user._id, username: user.username });

/** Creates a group whose creator is its first admin, with its first members, in one transaction. */
export async function createGroup(input: { name: string; admin: UserRef; members?: UserRef[] }): Promise<Group> {
  const now = clock.iso();
  const members = new Map<string, UserRef>((input.members ?? []).map((user) => [user._id, user]));
  members.delete(input.admin._id);
  if (members.size + 1 > MAX_INITIAL_GROUP_MEMBERS) {
    throw new ServiceError('invalid_request', `A group is created with at most ${MAX_INITIAL_GROUP_MEMBERS - 1} members`);
  }
  const group: Group = {
    id: String(await nextGroupNumber()),
    name: input.name,
    createdBy: ref(input.admin),
    createdAt: now,
    membersCount: members.size + 1,
  };
  const membership = (user: UserRef, role: GroupMember['role']): GroupMember => ({ groupId: group.id, user: ref(user), role, joinedAt: now });
  const created = await insertGroup(group, [membership(input.admin, 'admin'), ...[...members.values()].map((user) => membership(user, 'member'))]);
  if (!created) throw new ServiceError('unavailable', 'Could not create the group, try again');
  return group;
}

/** A group's invitations, each with its status at this moment. */
export const listInvitations = async (groupId: string): Promise<Invitation[]> =>
  (await listGroupInvitations(groupId)).map((invitation) => ({
    ...invitation,
    status: invitation.expiresAt * 1000 > clock.now() ? 'pending' : 'expired',
  }));

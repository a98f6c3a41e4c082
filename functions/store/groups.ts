import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ServiceError } from '../errors';
import { batchGet, type Item, keyId, putIfAbsent, TRANSACTION_LIMIT, transactWrite } from './batch';
import { documentClient, tableName } from './client';
import { keys, stripLayout } from './keys';
import { queryByPrefix } from './query';
import { nextGroupNumber, type UserRef } from './users';

/** A QuranReflect group; `id` is a numeric string, as in its API paths. */
export interface Group {
  id: string;
  name: string;
  createdBy: UserRef;
  createdAt: string;
  membersCount: number;
}

export interface GroupMember {
  groupId: string;
  user: UserRef;
  role: 'admin' | 'member';
  joinedAt: string;
}

const memberItem = (groupId: string, user: UserRef, role: GroupMember['role'], joinedAt: string): Item => ({
  ...keys.groupMember(groupId, user._id),
  gsi1pk: keys.userMembershipsIndex(user._id),
  gsi1sk: keys.groupIndexSort(groupId),
  groupId,
  user: { _id: user._id, username: user.username },
  role,
  joinedAt,
});

/** Creates a group whose creator is its first admin, with its first members, in one transaction. */
export async function createGroup(input: { name: string; admin: UserRef; members?: UserRef[] }): Promise<Group> {
  const now = new Date().toISOString();
  const members = new Map<string, UserRef>((input.members ?? []).map((user) => [user._id, user]));
  members.delete(input.admin._id);
  if (members.size + 2 > TRANSACTION_LIMIT) {
    throw new ServiceError('invalid_request', `A group is created with at most ${TRANSACTION_LIMIT - 2} members`);
  }
  const group: Group = {
    id: String(await nextGroupNumber()),
    name: input.name,
    createdBy: { _id: input.admin._id, username: input.admin.username },
    createdAt: now,
    membersCount: members.size + 1,
  };
  const outcome = await transactWrite(
    [
      { ...keys.group(group.id), ...group },
      memberItem(group.id, input.admin, 'admin', now),
      ...[...members.values()].map((user) => memberItem(group.id, user, 'member', now)),
    ].map(putIfAbsent),
  );
  if (!outcome.committed) throw new ServiceError('unavailable', 'Could not create the group, try again');
  return group;
}

export async function getGroup(groupId: string): Promise<Group | undefined> {
  const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.group(groupId) }));
  return result.Item ? (stripLayout(result.Item) as unknown as Group) : undefined;
}

export const listGroupMembers = async (groupId: string) =>
  (await queryByPrefix(keys.group(groupId).pk, keys.groupMemberPrefix())) as unknown as GroupMember[];

export interface GroupInviteContext {
  group?: Group;
  callerMembership?: GroupMember;
  /** The invitee's user, when `userNumber` or `email` matches one. */
  invitee?: UserRef & { userId: number };
}

/** The group, the caller's membership and the invitee's account, in one BatchGetItem. */
export async function readGroupInviteContext(input: {
  groupId: string;
  callerId: string;
  userNumber?: number;
  email?: string;
}): Promise<GroupInviteContext> {
  const groupKey = keys.group(input.groupId);
  const membershipKey = keys.groupMember(input.groupId, input.callerId);
  const inviteeKey =
    input.userNumber !== undefined ? keys.userNumber(input.userNumber) : input.email ? keys.userEmail(input.email) : undefined;
  const items = await batchGet([groupKey, membershipKey, ...(inviteeKey ? [inviteeKey] : [])]);
  const group = items.get(keyId(groupKey));
  const membership = items.get(keyId(membershipKey));
  const invitee = inviteeKey ? items.get(keyId(inviteeKey)) : undefined;
  return {
    group: group ? (stripLayout(group) as unknown as Group) : undefined,
    callerMembership: membership ? (stripLayout(membership) as unknown as GroupMember) : undefined,
    invitee: invitee ? withUserNumber(invitee) : undefined,
  };
}

const withUserNumber = (guard: Item): UserRef & { userId: number } => ({
  _id: String(guard._id),
  username: String(guard.username),
  userId: Number(guard.userId),
});

/** QuranReflect groups and their memberships. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Group, GroupMember, NumberedUserRef } from '../model';
import { batchGet, keyId, putIfAbsent, TRANSACTION_LIMIT, transactWrite } from './batch';
import { documentClient, tableName } from './client';
import { groupCodec, groupMemberCodec, userGuardCodec } from './items';
import { keys } from './keys';
import { queryByPrefix } from './query';

/** The group and its first memberships share one transaction. */
export const MAX_INITIAL_GROUP_MEMBERS = TRANSACTION_LIMIT - 1;

/** Creates a group with its first memberships in one transaction. */
export async function insertGroup(group: Group, members: GroupMember[]): Promise<boolean> {
  const outcome = await transactWrite([groupCodec.encode(group), ...members.map(groupMemberCodec.encode)].map(putIfAbsent));
  return outcome.committed;
}

export async function getGroup(groupId: string): Promise<Group | undefined> {
  const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.group(groupId) }));
  return result.Item ? groupCodec.decode(result.Item) : undefined;
}

export const listGroupMembers = async (groupId: string): Promise<GroupMember[]> =>
  (await queryByPrefix(keys.group(groupId).pk, keys.groupMemberPrefix())).map(groupMemberCodec.decode);

export interface GroupInviteReads {
  group?: Group;
  callerMembership?: GroupMember;
  /** The invitee's user, when `userNumber` or `email` matches one. */
  invitee?: NumberedUserRef;
}

/** The group, the caller's membership and the invitee's account, in one BatchGetItem. */
export async function readGroupInviteContext(input: {
  groupId: string;
  callerId: string;
  userNumber?: number;
  email?: string;
}): Promise<GroupInviteReads> {
  const groupKey = keys.group(input.groupId);
  const membershipKey = keys.groupMember(input.groupId, input.callerId);
  const inviteeKey =
    input.userNumber !== undefined ? keys.userNumber(input.userNumber) : input.email ? keys.userEmail(input.email) : undefined;
  const items = await batchGet([groupKey, membershipKey, ...(inviteeKey ? [inviteeKey] : [])]);
  const group = items.get(keyId(groupKey));
  const membership = items.get(keyId(membershipKey));
  const invitee = inviteeKey ? items.get(keyId(inviteeKey)) : undefined;
  return {
    group: group ? groupCodec.decode(group) : undefined,
    callerMembership: membership ? groupMemberCodec.decode(membership) : undefined,
    invitee: invitee ? userGuardCodec.decode(invitee) : undefined,
  };
}

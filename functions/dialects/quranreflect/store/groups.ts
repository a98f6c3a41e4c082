/** QuranReflect groups (the Rooms API's rooms of type group): the group, its number, its url guard, its memberships. */
import { GetCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { admitted } from '../../../lib/request-gate';
import type { EventNote, Group, GroupMember } from '../../../model';
import { putIfAbsent, TRANSACTION_LIMIT, type TransactItem, transactWrite } from '../../../store/batch';
import { documentClient, tableName } from '../../../store/client';
import { nextNumber } from '../../../store/counters';
import { groupCodec, groupMemberCodec, groupUrlCodec } from './items';
import { keys } from './keys';
import { addMembership, removeMembership } from '../../../store/memberships';
import { queryByPrefix } from '../../../store/query';

/** The group, its url guard and its first memberships share one transaction. */
export const MAX_INITIAL_GROUP_MEMBERS = TRANSACTION_LIMIT - 2;

/** Creates a group with its url guard (if it has a url) and first memberships in one transaction. */
export async function insertGroup(group: Group, members: GroupMember[]): Promise<'created' | 'url-taken' | 'contention'> {
  const url = group.url;
  const outcome = await transactWrite(
    [groupCodec.encode(group), ...(url ? [groupUrlCodec.encode({ id: group.id, url })] : []), ...members.map(groupMemberCodec.encode)].map(
      putIfAbsent,
    ),
  );
  if (outcome.committed) return 'created';
  return url && outcome.reasons[1] === 'ConditionalCheckFailed' ? 'url-taken' : 'contention';
}

export async function getGroup(groupId: string): Promise<Group | undefined> {
  const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.group(groupId) }));
  return result.Item ? groupCodec.decode(result.Item) : undefined;
}

export async function findGroupIdByUrl(url: string): Promise<string | undefined> {
  const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.groupUrl(url) }));
  return result.Item ? groupUrlCodec.decode(result.Item) : undefined;
}

export const listGroupMembers = async (groupId: string): Promise<GroupMember[]> =>
  (await queryByPrefix(keys.group(groupId).pk, keys.groupMemberPrefix())).map(groupMemberCodec.decode);

/** The transaction action that moves a group's member count (the group must exist). */
export const groupCountUpdate = (groupId: string, delta: number): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: keys.group(groupId),
    UpdateExpression: 'ADD membersCount :delta',
    ConditionExpression: 'attribute_exists(pk)',
    ExpressionAttributeValues: { ':delta': delta },
  },
});

export type AddMemberOutcome = 'added' | 'already-member' | 'group-missing';

/** Adds a membership and counts it, in one transaction (store/memberships.ts). */
export async function addGroupMember(member: GroupMember): Promise<AddMemberOutcome> {
  const outcome = await addMembership(groupMemberCodec.encode(member), (delta) => groupCountUpdate(member.groupId, delta));
  return outcome === 'count-refused' ? 'group-missing' : outcome;
}

/** Removes a membership and uncounts it, with the note that tells of it; false when there was none. */
export const removeGroupMember = (groupId: string, userId: string, note: EventNote): Promise<boolean> =>
  removeMembership(keys.groupMember(groupId, userId), (delta) => groupCountUpdate(groupId, delta), note);

/** An update of an item that must exist; false when it does not. */
async function updateExisting(input: Omit<UpdateCommandInput, 'TableName' | 'ConditionExpression'>): Promise<boolean> {
  await admitted();
  try {
    await documentClient.send(new UpdateCommand({ TableName: tableName, ConditionExpression: 'attribute_exists(pk)', ...input }));
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Sets a member's role; false when they are no member. */
export const setGroupMemberRole = (groupId: string, userId: string, role: GroupMember['role']): Promise<boolean> =>
  updateExisting({
    Key: keys.groupMember(groupId, userId),
    UpdateExpression: 'SET #role = :role',
    ExpressionAttributeNames: { '#role': 'role' },
    ExpressionAttributeValues: { ':role': role },
  });

/** Replaces a group's private-link token (the old link stops working); false for an unknown group. */
export const setPrivateToken = (groupId: string, privateToken: string): Promise<boolean> =>
  updateExisting({
    Key: keys.group(groupId),
    UpdateExpression: 'SET privateToken = :token',
    ExpressionAttributeValues: { ':token': privateToken },
  });

/** Reserves the next group number. */
export const nextGroupNumber = () => nextNumber(keys.groupNumberCounter());

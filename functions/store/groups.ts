/** QuranReflect groups (the Rooms API's rooms of type group), their url guards and memberships. */
import { GetCommand, UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { EventNote, Group, GroupMember, NumberedUserRef, User } from '../model';
import {
  batchGet,
  keyId,
  putIfAbsent,
  TRANSACTION_LIMIT,
  type TransactItem,
  transactWrite,
  transactWriteWithRetry,
} from './batch';
import { admitted } from '../lib/request-gate';
import { documentClient, tableName } from './client';
import { eventNotePut } from './event-notes';
import { addMembership, removeMembership } from './memberships';
import { groupCodec, groupMemberCodec, groupUrlCodec, invitationCodec, invitationKey, type StoredInvitation, userCodec, userGuardCodec } from './items';
import { keys } from './keys';
import { queryByPrefix } from './query';
import { tableSchema } from './table-schema';

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

export interface RoomReads {
  group?: Group;
  callerMembership?: GroupMember;
  /** Memberships of `memberIds`, by user `_id`. */
  memberships: Map<string, GroupMember>;
  /** The caller's pending invitations to the group: as a user, and to their e-mail address. */
  invitations: StoredInvitation[];
}

/**
 * What a Rooms request decides on, in one BatchGetItem: the group, the caller's membership, other
 * users' memberships and (for accepting or rejecting) the caller's invitations.
 */
export async function readRoom(input: {
  groupId: string;
  caller: Pick<User, '_id' | 'email'>;
  memberIds?: string[];
  withInvitations?: boolean;
}): Promise<RoomReads> {
  const groupKey = keys.group(input.groupId);
  const memberIds = [...new Set([input.caller._id, ...(input.memberIds ?? [])])];
  const invitationKeys = input.withInvitations
    ? [
        keys.groupInvitationForUser(input.groupId, input.caller._id),
        ...(input.caller.email ? [keys.groupInvitationForEmail(input.groupId, input.caller.email)] : []),
      ]
    : [];
  const items = await batchGet([groupKey, ...memberIds.map((id) => keys.groupMember(input.groupId, id)), ...invitationKeys]);
  const group = items.get(keyId(groupKey));
  const memberships = new Map<string, GroupMember>();
  for (const id of memberIds) {
    const item = items.get(keyId(keys.groupMember(input.groupId, id)));
    if (item) memberships.set(id, groupMemberCodec.decode(item));
  }
  return {
    group: group ? groupCodec.decode(group) : undefined,
    callerMembership: memberships.get(input.caller._id),
    memberships,
    invitations: invitationKeys.flatMap((key) => {
      const item = items.get(keyId(key));
      return item ? [invitationCodec.decode(item)] : [];
    }),
  };
}

/** Users by `_id` (one BatchGetItem per 100), for rendering members. */
export async function readUsers(ids: string[]): Promise<Map<string, User>> {
  const items = await batchGet(ids.map(keys.user));
  const users = new Map<string, User>();
  for (const id of ids) {
    const item = items.get(keyId(keys.user(id)));
    if (item) users.set(id, userCodec.decode(item));
  }
  return users;
}

const countUpdate = (groupId: string, delta: number): TransactItem => ({
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
  const outcome = await addMembership(groupMemberCodec.encode(member), (delta) => countUpdate(member.groupId, delta));
  return outcome === 'count-refused' ? 'group-missing' : outcome;
}

/** Removes a membership and uncounts it, with the note that tells of it; false when there was none. */
export const removeGroupMember = (groupId: string, userId: string, note: EventNote): Promise<boolean> =>
  removeMembership(keys.groupMember(groupId, userId), (delta) => countUpdate(groupId, delta), note);

export type AcceptOutcome = 'accepted' | 'invalid-token' | 'already-member' | 'group-missing';

/**
 * Accepts an invitation in one transaction: the invitation (and so its token) goes, on condition
 * that it still holds this token and has not expired; the membership is added and counted.
 * Racing accepts of one token: exactly one commits, the others find the invitation gone.
 */
export async function acceptInvitation(
  invitation: StoredInvitation,
  tokenHash: string,
  member: GroupMember,
  nowSeconds: number,
  note: EventNote,
): Promise<AcceptOutcome> {
  const outcome = await transactWriteWithRetry([
    invitationDelete(invitation, tokenHash, nowSeconds),
    putIfAbsent(groupMemberCodec.encode(member)),
    countUpdate(member.groupId, 1),
    eventNotePut(note),
  ], 'accept invitation');
  if (outcome.committed) return 'accepted';
  if (outcome.reasons[0] === 'ConditionalCheckFailed') return 'invalid-token';
  if (outcome.reasons[1] === 'ConditionalCheckFailed') return 'already-member';
  return 'group-missing';
}

/**
 * Deletes an invitation, on condition that it still holds this token and has not expired, with
 * the note that tells why (rejected), if any (an accepted invitation whose invitee had joined meanwhile has none).
 */
export async function deleteInvitationWithToken(invitation: StoredInvitation, tokenHash: string, nowSeconds: number, note?: EventNote): Promise<boolean> {
  const outcome = await transactWriteWithRetry([invitationDelete(invitation, tokenHash, nowSeconds), ...(note ? [eventNotePut(note)] : [])], 'delete invitation');
  return outcome.committed;
}

const invitationDelete = (invitation: StoredInvitation, tokenHash: string, nowSeconds: number): TransactItem => ({
  Delete: {
    TableName: tableName,
    Key: invitationKey(invitation),
    ConditionExpression: 'tokenHash = :tokenHash AND #expiresAt > :now',
    ExpressionAttributeNames: { '#expiresAt': tableSchema.ttlAttribute },
    ExpressionAttributeValues: { ':tokenHash': tokenHash, ':now': nowSeconds },
  },
});

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
  updateExisting({ Key: keys.group(groupId), UpdateExpression: 'SET privateToken = :token', ExpressionAttributeValues: { ':token': privateToken } });

export interface RoomInviteReads {
  group?: Group;
  callerMembership?: GroupMember;
  /** Accounts found, by integer user id and by lower-cased e-mail. */
  byNumber: Map<number, NumberedUserRef>;
  byEmail: Map<string, NumberedUserRef>;
}

/** The group, the caller's membership and the invitees' accounts (by integer id and e-mail) in one BatchGetItem round. */
export async function readRoomInviteContext(input: {
  groupId: string;
  callerId: string;
  userNumbers: number[];
  emails: string[];
}): Promise<RoomInviteReads> {
  const groupKey = keys.group(input.groupId);
  const membershipKey = keys.groupMember(input.groupId, input.callerId);
  const items = await batchGet([groupKey, membershipKey, ...input.userNumbers.map(keys.userNumber), ...input.emails.map(keys.userEmail)]);
  const group = items.get(keyId(groupKey));
  const membership = items.get(keyId(membershipKey));
  const byNumber = new Map<number, NumberedUserRef>();
  for (const userNumber of input.userNumbers) {
    const item = items.get(keyId(keys.userNumber(userNumber)));
    if (item) byNumber.set(userNumber, userGuardCodec.decode(item));
  }
  const byEmail = new Map<string, NumberedUserRef>();
  for (const email of input.emails) {
    const item = items.get(keyId(keys.userEmail(email)));
    if (item) byEmail.set(email.toLowerCase(), userGuardCodec.decode(item));
  }
  return {
    group: group ? groupCodec.decode(group) : undefined,
    callerMembership: membership ? groupMemberCodec.decode(membership) : undefined,
    byNumber,
    byEmail,
  };
}

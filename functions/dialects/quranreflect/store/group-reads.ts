/**
 * What the QuranReflect routes (Groups inviteUser and the Rooms API) decide on, each in one
 * BatchGetItem round: the group, the caller's membership, the invitees' accounts, the caller's
 * pending invitations.
 */
import type { Group, GroupMember, NumberedUserRef, User } from '../../../model';
import { batchGet, keyId } from '../../../store/batch';
import { groupCodec, groupMemberCodec, invitationCodec, type StoredInvitation, userCodec, userGuardCodec } from './items';
import { keys } from './keys';

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

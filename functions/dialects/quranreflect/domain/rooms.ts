/**
 * The QuranReflect Rooms API on groups: a room of type group is a group (same numeric id, members
 * and admins). Unknown rooms and private rooms the caller is not a member of are "not found";
 * a caller without the right gets "forbidden". Every write is conditional (see store/groups.ts and store/memberships.ts).
 */
import { timingSafeEqual } from 'node:crypto';
import { ServiceError } from '../../../errors';
import { clock } from '../../../lib/clock';
import type { EventNote, Group, GroupMember, MembershipOrigin, NumberedUserRef, User } from '../../../model';
import type { RoomReads } from '../store/group-reads';
import type { AddMemberOutcome } from '../store/groups';
import * as groupReads from '../store/group-reads';
import * as groupStore from '../store/groups';
import { findUserByNumber } from '../../../store/users';
import { createGroup } from './groups';
import { memberRemoved } from './invitation-events';
import { parseRoomsUserId } from './rooms-user-id';
import { memberView, relationOf, roomListItem, roomProfile } from './room-views';

/** The store operations the Rooms routes need (the DynamoDB store, or fakes in unit tests). */
/** What a room read asks for: the group, the caller's membership (and address), optionally other members and the invitations. */
export interface RoomReadInput {
  groupId: string;
  caller: Pick<User, '_id' | 'email'>;
  memberIds?: string[];
  withInvitations?: boolean;
}

export interface RoomStore {
  readRoom(input: RoomReadInput): Promise<RoomReads>;
  findGroupIdByUrl(url: string): Promise<string | undefined>;
  listGroupMembers(groupId: string): Promise<GroupMember[]>;
  readUsers(ids: string[]): Promise<Map<string, User>>;
  addGroupMember(member: GroupMember): Promise<AddMemberOutcome>;
  /** Removes a member with the note that tells of it; false when it was no member. */
  removeGroupMember(groupId: string, userId: string, note: EventNote): Promise<boolean>;
  setGroupMemberRole(groupId: string, userId: string, role: GroupMember['role']): Promise<boolean>;
  /** The account a Rooms user id names. */
  findUserByNumber(userId: number): Promise<NumberedUserRef | undefined>;
}

export const dynamoRoomStore: RoomStore = { ...groupReads, ...groupStore, findUserByNumber };

export const roomNotFound = (id: string) => new ServiceError('not_found', `Room ${id} not found`);
const memberNotFound = (userId: string) => new ServiceError('not_found', `User ${userId} is not a member of this room`);

/** The group, if the caller may see it: public groups for everyone, private ones for members. */
function visibleGroup(reads: groupReads.RoomReads, id: string): Group {
  if (!reads.group || (!reads.group.isPublic && !reads.callerMembership)) throw roomNotFound(id);
  return reads.group;
}

/** The user a Rooms user id names, if any (rooms-user-id.ts: `"007"` names none). */
const userByRoomsId = (id: string, store: Pick<RoomStore, 'findUserByNumber'>) => {
  const number = parseRoomsUserId(id);
  return number === undefined ? Promise.resolve(undefined) : store.findUserByNumber(number);
};

const membership = (group: Group, user: User, role: GroupMember['role'], via: MembershipOrigin): GroupMember => ({
  groupId: group.id,
  user: { _id: user._id, username: user.username, userId: user.userId },
  role,
  joinedAt: clock.iso(),
  via,
});

/** POST /v1/rooms/groups: the caller becomes the owner and an admin. */
export async function createRoomGroup(caller: User, input: { name: string; url: string; description?: string; public?: boolean }) {
  const group = await createGroup({
    name: input.name,
    url: input.url,
    description: input.description,
    isPublic: input.public,
    admin: caller,
  });
  return roomListItem(group, { isMember: true, isAdmin: true, isOwner: true }, caller.userId);
}

/** GET /v1/rooms/{id}. */
export async function getRoom(caller: User, id: string, store: RoomStore = dynamoRoomStore) {
  const reads = await store.readRoom({ groupId: id, caller });
  const group = visibleGroup(reads, id);
  return roomProfile(group, relationOf(group, reads.callerMembership, caller._id), group.createdBy.userId);
}

/** GET /v1/rooms/{id}/members: members (anyone, for a public group), ordered by joining, paginated. */
export async function listRoomMembers(caller: User, id: string, page: { limit: number; page: number }, store: RoomStore = dynamoRoomStore) {
  const [reads, members] = await Promise.all([store.readRoom({ groupId: id, caller }), store.listGroupMembers(id)]);
  const group = visibleGroup(reads, id);
  const ordered = members.sort((a, b) => a.joinedAt.localeCompare(b.joinedAt) || a.user.username.localeCompare(b.user.username));
  const slice = ordered.slice((page.page - 1) * page.limit, page.page * page.limit);
  const users = slice.length ? await store.readUsers(slice.map((member) => member.user._id)) : new Map<string, User>();
  return {
    total: ordered.length,
    currentPage: page.page,
    limit: page.limit,
    pages: Math.ceil(ordered.length / page.limit),
    data: slice.map((member) => memberView(member, users.get(member.user._id), group.createdBy._id)),
  };
}

/** POST /v1/rooms/{groupId}/join: public groups only (a private one is not found); `joined: false` for a member already. */
export async function joinRoom(caller: User, id: string, store: RoomStore = dynamoRoomStore) {
  const reads = await store.readRoom({ groupId: id, caller });
  // A private group is not found by a non-member: its existence is not revealed.
  const group = visibleGroup(reads, id);
  if (reads.callerMembership) return { joined: false };
  const outcome = await store.addGroupMember(membership(group, caller, 'member', { how: 'joined' }));
  if (outcome === 'group-missing') throw roomNotFound(id);
  return { joined: outcome === 'added' };
}

/** POST /v1/rooms/{groupId}/leave: members, not the owner; `left: false` for a non-member. */
export async function leaveRoom(caller: User, id: string, store: RoomStore = dynamoRoomStore) {
  const reads = await store.readRoom({ groupId: id, caller });
  // A private group is not found by a non-member, as an unknown one; a public one answers `left: false`.
  const group = visibleGroup(reads, id);
  if (!reads.callerMembership) return { left: false };
  if (group.createdBy._id === caller._id) throw new ServiceError('forbidden', 'Owner cannot leave - transfer ownership first');
  if (!(await store.removeGroupMember(id, caller._id, memberRemoved(group, caller, 'left')))) return { left: false };
  return { left: true };
}

/** DELETE /v1/rooms/{id}/members/{userId}: admins remove anyone but the owner; members remove themselves. */
export async function removeRoomMember(caller: User, id: string, userId: string, store: RoomStore = dynamoRoomStore) {
  const [reads, target] = await Promise.all([store.readRoom({ groupId: id, caller }), userByRoomsId(userId, store)]);
  const group = visibleGroup(reads, id);
  const self = target?._id === caller._id;
  if (!reads.callerMembership || (!self && reads.callerMembership.role !== 'admin')) {
    throw new ServiceError('forbidden', 'User not authorized to remove this member');
  }
  if (target?._id === group.createdBy._id) {
    throw new ServiceError('forbidden', self ? 'Owner cannot leave - transfer ownership first' : 'The owner cannot be removed');
  }
  if (!target) throw memberNotFound(userId);
  const note = memberRemoved(group, target, self ? 'left' : 'removed', self ? undefined : caller);
  if (!(await store.removeGroupMember(id, target._id, note))) throw memberNotFound(userId);
  return { success: true };
}

/** POST /v1/rooms/admins-access: the owner and admins grant or revoke admin; never the owner's own. */
export async function setAdminAccess(
  caller: User,
  input: { roomId: string; userId: string; admin: boolean },
  store: RoomStore = dynamoRoomStore,
) {
  const [reads, target] = await Promise.all([store.readRoom({ groupId: input.roomId, caller }), userByRoomsId(input.userId, store)]);
  const group = visibleGroup(reads, input.roomId);
  if (reads.callerMembership?.role !== 'admin' && group.createdBy._id !== caller._id) {
    throw new ServiceError('forbidden', 'User not authorized to modify admin access');
  }
  if (target && target._id === group.createdBy._id && !input.admin) {
    throw new ServiceError('forbidden', "The owner's admin access cannot be revoked");
  }
  if (!target || !(await store.setGroupMemberRole(input.roomId, target._id, input.admin ? 'admin' : 'member'))) {
    throw memberNotFound(input.userId);
  }
  return { success: true };
}

const sameSecret = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
};

/** GET /v1/rooms/group/{url}/accept/{token}: whoever holds the group's private link joins it. */
export async function acceptByPrivateToken(caller: User, url: string, token: string, store: RoomStore = dynamoRoomStore) {
  const invalid = () => new ServiceError('invalid_request', 'Invalid or expired token');
  const groupId = await store.findGroupIdByUrl(url);
  if (!groupId) throw invalid();
  const reads = await store.readRoom({ groupId, caller });
  if (!reads.group?.privateToken || !sameSecret(reads.group.privateToken, token)) throw invalid();
  if (reads.callerMembership) return { roomId: Number(groupId), success: true, isNewMember: false };
  const outcome = await store.addGroupMember(membership(reads.group, caller, 'member', { how: 'private-link' }));
  if (outcome === 'group-missing') throw invalid();
  return { roomId: Number(groupId), success: true, isNewMember: outcome === 'added' };
}

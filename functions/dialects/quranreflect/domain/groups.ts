/** QuranReflect groups: numbered in creation order; the creator is the first admin. */
import { ServiceError } from '../../../errors';
import { clock } from '../../../lib/clock';
import { randomSecret } from '../../../lib/ids';
import type { Group, GroupMember, Invitation, NumberedUserRef, UserRef } from '../../../model';
import * as groupStore from '../store/groups';
import { MAX_INITIAL_GROUP_MEMBERS } from '../store/groups';
import { listGroupInvitations } from '../store/invitations';
import { nextGroupNumber } from '../store/groups';

const ref = (user: UserRef): UserRef => ({ _id: user._id, username: user.username });

export interface NewGroup {
  name: string;
  /** The owner, and the group's first admin. */
  admin: NumberedUserRef;
  members?: UserRef[];
  /** Unique (case-insensitive); `group-<id>` when not given. */
  url?: string;
  description?: string;
  isPublic?: boolean;
}

/** What creating a group writes through (the DynamoDB store, or a fake in unit tests). */
export interface GroupCreationStore {
  nextGroupNumber(): Promise<number>;
  insertGroup(group: Group, members: GroupMember[]): Promise<'created' | 'url-taken' | 'contention'>;
}

/** A private link's token: 256 bits from the CSPRNG, URL-safe. */
export const newPrivateToken = () => randomSecret();

/**
 * Creates a group whose creator is its owner and first admin, with its first members, in one
 * transaction. The group number is taken while a request's rate-limit count runs (the write waits
 * for its admission: lib/request-gate.ts), so the count adds no round trip; a refused request
 * leaves a gap in the numbers, as a taken url does.
 */
export async function createGroup(
  input: NewGroup,
  store: GroupCreationStore = { insertGroup: groupStore.insertGroup, nextGroupNumber },
): Promise<Group> {
  const now = clock.iso();
  const members = new Map<string, UserRef>((input.members ?? []).map((user) => [user._id, user]));
  members.delete(input.admin._id);
  if (members.size + 1 > MAX_INITIAL_GROUP_MEMBERS) {
    throw new ServiceError('invalid_request', `A group is created with at most ${MAX_INITIAL_GROUP_MEMBERS - 1} members`);
  }
  const number = await store.nextGroupNumber();
  const id = String(number);
  const group: Group = {
    id,
    name: input.name,
    createdBy: { ...ref(input.admin), userId: input.admin.userId },
    createdAt: now,
    membersCount: members.size + 1,
    url: input.url ?? `group-${id}`,
    description: input.description ?? '',
    isPublic: input.isPublic === true,
    privateToken: newPrivateToken(),
  };
  // The Rooms id rides along where known: the group's events name members by it.
  const membership = (user: UserRef & { userId?: number }, role: GroupMember['role']): GroupMember => ({
    groupId: group.id,
    user: user.userId === undefined ? ref(user) : { ...ref(user), userId: user.userId },
    role,
    joinedAt: now,
    via: { how: 'created' },
  });
  const outcome = await store.insertGroup(group, [
    membership(input.admin, 'admin'),
    ...[...members.values()].map((user) => membership(user, 'member')),
  ]);
  if (outcome === 'url-taken') throw new ServiceError('conflict', `The url "${group.url}" is already taken`, { code: 'url_taken' });
  if (outcome !== 'created') throw new ServiceError('unavailable', 'Could not create the group, try again');
  return group;
}

/** Gives a group a new private link; the old one stops working. Returns the new token. */
export async function rotatePrivateLink(groupId: string): Promise<string | undefined> {
  const token = newPrivateToken();
  return (await groupStore.setPrivateToken(groupId, token)) ? token : undefined;
}

/** A group's invitations, each with its status at this moment. */
export const listInvitations = async (groupId: string): Promise<Invitation[]> =>
  (await listGroupInvitations(groupId)).map((invitation) => ({
    ...invitation,
    status: invitation.expiresAt * 1000 > clock.now() ? 'pending' : 'expired',
  }));

/**
 * How the Rooms API shows a group (RoomListItemDto, RoomProfileResponseDto) and a member
 * (MemberSerializedDto). Fields the service keeps no data for get neutral values: no avatars
 * (empty URLs), not verified, no posts, no followers, no country or subdomain.
 */
import type { Group, GroupMember, User } from '../../../model';
import { roomsUserId } from './rooms-user-id';

export interface CallerRelation {
  isMember: boolean;
  isAdmin: boolean;
  isOwner: boolean;
}

export const relationOf = (group: Group, membership: GroupMember | undefined, callerId: string): CallerRelation => ({
  isMember: membership !== undefined,
  isAdmin: membership?.role === 'admin',
  isOwner: group.createdBy._id === callerId,
});

export function roomListItem(group: Group, relation: CallerRelation, ownerUserId?: number) {
  return {
    id: Number(group.id),
    name: group.name,
    description: group.description ?? '',
    roomType: 'group',
    isActive: true,
    isVerified: false,
    isPublic: group.isPublic === true,
    isOwner: relation.isOwner,
    isAdmin: relation.isAdmin,
    ownerId: ownerUserId === undefined ? '' : roomsUserId(ownerUserId),
    postsCount: 0,
    membersCount: group.membersCount,
    url: group.url ?? '',
    avatarUrls: { thumb: '', original: '' },
    createdAt: group.createdAt,
    isMember: relation.isMember,
  };
}

/** The profile; the private link's token only for admins. */
export function roomProfile(group: Group, relation: CallerRelation, ownerUserId?: number) {
  return {
    ...(relation.isAdmin && group.privateToken ? { privateToken: group.privateToken } : {}),
    mutualFollowers: [],
    mutualFollowersCount: 0,
    ...roomListItem(group, relation, ownerUserId),
  };
}

/** `name` split at its first space: QuranReflect keeps first and last names apart. */
function names(user: Pick<User, 'name'>): { firstName: string; lastName: string } {
  const [firstName = '', ...rest] = (user.name ?? '').trim().split(/\s+/);
  return { firstName, lastName: rest.join(' ') };
}

export function memberView(member: GroupMember, user: User | undefined, ownerId: string) {
  return {
    id: user ? roomsUserId(user.userId) : '',
    username: user?.username ?? member.user.username,
    ...names(user ?? {}),
    verified: false,
    avatarUrls: { small: '', medium: '', large: '' },
    isAdmin: member.role === 'admin',
    isOwner: member.user._id === ownerId,
    isFollowed: false,
    isActive: user?.active ?? false,
    followersCount: 0,
  };
}

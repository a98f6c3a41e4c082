/** QuranReflect groups (the Rooms API's rooms of type group): the group, its number counter, its url guard and its memberships. */
import * as z from '../../../../lib/zod';
import type { Group, GroupMember, NumberedUserRef } from '../../../../model';
import type { Item } from '../../../../store/batch';
import { type Codec, codec, decoder, key, numberedRef, ref } from '../../../../store/entities/codec';
import {
  type ChangeRecognizer,
  keysOf,
  type MembershipChange,
  membershipChange,
  streamMember,
} from '../../../../store/entities/entity-change';
import { userKeys } from '../../../../store/entities/user';

export const groupKeys = {
  group: (groupId: string) => key(`GROUP#${groupId}`, 'GROUP'),
  groupMember: (groupId: string, userId: string) => key(`GROUP#${groupId}`, `MEMBER#${userId}`),
  groupMemberPrefix: () => 'MEMBER#',
  groupNumberCounter: () => key('COUNTER#GROUPNUM', 'COUNTER'),
  /** Uniqueness guard of a group's url (case-insensitive), pointing at the group. */
  groupUrl: (url: string) => key(`GROUPURL#${url.toLowerCase()}`, 'GROUPURL'),
  groupIndexSort: (groupId: string) => `GROUP#${groupId}`,
} as const;

export const groupCodec: Codec<Group> = /* @__PURE__ */ codec(
  'group',
  () =>
    z.object({
      id: z.string(),
      name: z.string(),
      createdBy: z.object({ _id: z.string(), username: z.string(), userId: z.optional(z.number()) }),
      createdAt: z.string(),
      membersCount: z.number(),
      url: z.optional(z.string()),
      description: z.optional(z.string()),
      isPublic: z.optional(z.boolean()),
      privateToken: z.optional(z.string()),
    }),
  (group) => ({ ...groupKeys.group(group.id), ...group }),
);

const decodeGroupUrl = /* @__PURE__ */ decoder('group url', () => z.object({ id: z.string() }));

/** The uniqueness guard of a group url, pointing at the group. */
export const groupUrlCodec = {
  encode: (group: Pick<Group, 'id'> & { url: string }): Item => ({ ...groupKeys.groupUrl(group.url), id: group.id }),
  decode: (item: Item): string => decodeGroupUrl(item).id,
};

export const groupMemberCodec: Codec<GroupMember> = /* @__PURE__ */ codec(
  'group membership',
  () =>
    z.object({
      groupId: z.string(),
      user: z.object({ _id: z.string(), username: z.string(), userId: z.optional(z.number()) }),
      role: z.enum(['admin', 'member']),
      joinedAt: z.string(),
    }),
  (member) => ({
    ...groupKeys.groupMember(member.groupId, member.user._id),
    gsi1pk: userKeys.userMembershipsIndex(member.user._id),
    gsi1sk: groupKeys.groupIndexSort(member.groupId),
    ...member,
    user: member.user.userId === undefined ? ref(member.user) : numberedRef(member.user as NumberedUserRef),
  }),
);

/** The stream's view of a QuranReflect group member item (pk GROUP#<group>, sk MEMBER#<user>). */
export interface GroupMemberChange extends MembershipChange {
  entity: 'quranreflect:group-member';
  groupId: string;
}

export const groupMemberChange: ChangeRecognizer = ({ change, item }): GroupMemberChange | undefined => {
  const { pk, sk } = keysOf(item);
  const membership = membershipChange(change);
  if (!membership || !pk.startsWith('GROUP#') || !sk.startsWith(groupKeys.groupMemberPrefix())) return undefined;
  const user = item.user as { _id: string; username: string; userId?: number };
  return { entity: 'quranreflect:group-member', change: membership, groupId: String(item.groupId), member: streamMember(item, user) };
};

/** Berty multi-member groups (keyed by their public key, base64url so it is key-safe) and their memberships. */
import * as z from '../../../../lib/zod';
import type { BertyGroup, MembershipOrigin, UserRef } from '../../../../model';
import type { Item } from '../../../../store/batch';
import { type Codec, codec, key, ref } from '../../../../store/entities/codec';
import {
  type ChangeRecognizer,
  keysOf,
  type MembershipChange,
  membershipChange,
  streamMember,
} from '../../../../store/entities/entity-change';
import { userKeys } from '../../../../store/entities/user';

export const bertyGroupKeys = {
  /** Berty multi-member groups, keyed by their public key (base64url, so it is key-safe). */
  bertyGroup: (publicKey: Buffer) => key(`BGROUP#${publicKey.toString('base64url')}`, 'BGROUP'),
  bertyGroupMember: (publicKey: Buffer, userId: string) => key(`BGROUP#${publicKey.toString('base64url')}`, `MEMBER#${userId}`),
  bertyGroupIndexSort: (publicKey: Buffer) => `BGROUP#${publicKey.toString('base64url')}`,
  bertyGroupIndexPrefix: () => 'BGROUP#',
  bertyGroupMemberPrefix: () => 'MEMBER#',
} as const;

export const bertyGroupCodec: Codec<BertyGroup> = /* @__PURE__ */ codec(
  'Berty group',
  () =>
    z.object({
      publicKey: z.string(),
      secret: z.string(),
      secretSig: z.string(),
      groupType: z.literal('GroupTypeMultiMember'),
      createdAt: z.string(),
      membersCount: z.number(),
    }),
  (group) => ({ ...bertyGroupKeys.bertyGroup(Buffer.from(group.publicKey, 'base64')), ...group }),
);

export const bertyGroupMemberCodec = {
  encode: (publicKey: Buffer, user: UserRef, joinedAt: string, via?: MembershipOrigin): Item => ({
    ...bertyGroupKeys.bertyGroupMember(publicKey, user._id),
    gsi1pk: userKeys.userMembershipsIndex(user._id),
    gsi1sk: bertyGroupKeys.bertyGroupIndexSort(publicKey),
    user: ref(user),
    joinedAt,
    ...(via ? { via } : {}),
  }),
  /** The group a gsi1 membership entry points at. */
  groupOf: (item: Item): Buffer => Buffer.from(String(item.gsi1sk).slice(bertyGroupKeys.bertyGroupIndexPrefix().length), 'base64url'),
};

/** The stream's view of a Berty group member item (pk BGROUP#<public key, base64url>, sk MEMBER#<user>). */
export interface BertyMemberChange extends MembershipChange {
  entity: 'berty:member';
  publicKey: Buffer;
}

export const bertyMemberChange: ChangeRecognizer = ({ change, item }): BertyMemberChange | undefined => {
  const { pk, sk } = keysOf(item);
  const membership = membershipChange(change);
  const prefix = bertyGroupKeys.bertyGroupIndexPrefix();
  if (!membership || !pk.startsWith(prefix) || !sk.startsWith(bertyGroupKeys.bertyGroupMemberPrefix())) return undefined;
  const publicKey = Buffer.from(pk.slice(prefix.length), 'base64url');
  return {
    entity: 'berty:member',
    change: membership,
    publicKey,
    member: streamMember(item, item.user as { _id: string; username: string }),
  };
};

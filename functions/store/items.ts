/**
 * One codec per entity: from a stored item to the model (validated with zod/mini, layout
 * attributes dropped) and from the model to the item (with its keys). Nothing else in the
 * store turns items into models.
 */
import { ServiceError } from '../errors';
import * as z from '../lib/zod';
import type {
  BertyGroup,
  Group,
  GroupMember,
  Invitation,
  MembershipOrigin,
  NumberedUserRef,
  Room,
  RoomInvite,
  RoomMember,
  RoomMessage,
  User,
  UserRef,
} from '../model';
import type { Item } from './batch';
import { keys } from './keys';
import { tableSchema } from './table-schema';

export interface Codec<T> {
  decode(item: Item): T;
  encode(model: T): Item;
}

/**
 * Item → model with a zod schema: unknown attributes (the keys among them) are dropped. The schema
 * is built on first use, and every codec below is marked pure, so a function's bundle carries only
 * the codecs (and the zod schema kinds) its code reaches.
 */
function decoder<S extends z.ZodMiniType>(entity: string, build: () => S): (item: Item) => z.output<S> {
  let schema: S | undefined;
  return (item) => {
    schema ??= build();
    const result = z.safeParse(schema, item);
    // A stored item that does not match its entity is a bug or corruption, not the caller's fault.
    if (!result.success) throw new ServiceError('internal', `A stored ${entity} item is malformed`, { cause: result.error });
    return result.data;
  };
}

const codec = <S extends z.ZodMiniType>(entity: string, build: () => S, encode: (model: z.output<S>) => Item): Codec<z.output<S>> => ({
  decode: decoder(entity, build),
  encode,
});

const userRef = () => z.object({ _id: z.string(), username: z.string() });
const numberedUserRef = () => z.object({ _id: z.string(), username: z.string(), userId: z.number() });

const ref = (user: UserRef): UserRef => ({ _id: user._id, username: user.username });
const numberedRef = (user: NumberedUserRef): NumberedUserRef => ({ _id: user._id, username: user.username, userId: user.userId });

export const userCodec: Codec<User> = /* @__PURE__ */ codec(
  'user',
  () =>
    z.object({
    _id: z.string(),
    userId: z.number(),
    username: z.string(),
    email: z.optional(z.string()),
    name: z.optional(z.string()),
    roles: z.array(z.string()),
    active: z.boolean(),
    createdAt: z.string(),
  }),
  (user) => ({ ...keys.user(user._id), ...user }),
);

/**
 * The uniqueness guards of a user (username, e-mail, integer id); each carries what an invite
 * needs, so a lookup by any of them is one read.
 */
export const userGuardCodec = {
  decode: /* @__PURE__ */ decoder('user guard', numberedUserRef),
  encode: (user: User): Item[] => {
    const guard = numberedRef(user);
    return [
      { ...keys.username(user.username), ...guard },
      { ...keys.userNumber(user.userId), ...guard },
      ...(user.email ? [{ ...keys.userEmail(user.email), ...guard }] : []),
    ];
  },
};

/** An auth token, stored under its SHA-256 hash only. */
export interface TokenRecord {
  tokenHash: string;
  userId: string;
  createdAt: string;
  /** Epoch seconds; absent means the token does not expire. Also the table's TTL attribute. */
  expiresAt?: number;
  revoked?: boolean;
}

const decodeToken = /* @__PURE__ */ decoder('token', () =>
  z.object({ userId: z.string(), createdAt: z.string(), expiresAt: z.optional(z.number()), revoked: z.optional(z.boolean()) }),
);

export const tokenCodec: Codec<TokenRecord> = {
  decode: (item) => ({ ...decodeToken(item), tokenHash: String(item.pk).slice('TOKEN#'.length) }),
  encode: ({ tokenHash, ...token }) => ({ ...keys.token(tokenHash), ...token }),
};

export const permissionCodec: Codec<{ _id: string; roles: string[]; _updatedAt?: string }> = /* @__PURE__ */ codec(
  'permission',
  () =>
    z.object({ _id: z.string(), roles: z.array(z.string()), _updatedAt: z.optional(z.string()) }),
  (permission) => ({ ...keys.permission(permission._id), ...permission }),
);

export const roomCodec: Codec<Room> = /* @__PURE__ */ codec(
  'room',
  () =>
    z.object({
    _id: z.string(),
    t: z.enum(['c', 'p', 'd', 'l']),
    name: z.string(),
    fname: z.string(),
    msgs: z.number(),
    usersCount: z.number(),
    u: userRef(),
    ts: z.string(),
    ro: z.boolean(),
    sysMes: z.boolean(),
    default: z.boolean(),
    _updatedAt: z.string(),
    lm: z.optional(z.string()),
    archived: z.optional(z.boolean()),
  }),
  (room) => ({ ...keys.room(room._id), ...room, u: ref(room.u) }),
);

export const roomInviteCodec: Codec<RoomInvite> = /* @__PURE__ */ codec(
  'invite link',
  () =>
    z.object({
      _id: z.string(),
      days: z.number(),
      maxUses: z.number(),
      rid: z.string(),
      userId: z.string(),
      createdAt: z.string(),
      expires: z.nullable(z.string()),
      url: z.string(),
      uses: z.number(),
      _updatedAt: z.string(),
      room: z.object({ t: z.enum(['c', 'p', 'd', 'l']), name: z.string(), fname: z.string(), prid: z.optional(z.string()) }),
    }),
  (invite) => ({ ...keys.inviteLink(invite._id), ...invite }),
);

/** A room counter shard: what member writes added to the room's counts (see store/rocketchat-rooms.ts). */
export const decodeRoomCounter = /* @__PURE__ */ decoder('room counter', () =>
  z.object({ usersCount: z.number(), msgs: z.number(), _updatedAt: z.string(), lm: z.optional(z.string()) }),
);

const decodeRoomName = /* @__PURE__ */ decoder('room name', () => z.object({ _id: z.string() }));

/** The uniqueness guard of a room name, pointing at the room. */
export const roomNameCodec = {
  encode: (room: Pick<Room, '_id' | 'name'>): Item => ({ ...keys.roomName(room.name), _id: room._id }),
  decode: (item: Item): string => decodeRoomName(item)._id,
};

export const roomMemberCodec: Codec<RoomMember> = /* @__PURE__ */ codec(
  'room membership',
  () =>
    z.object({ _id: z.string(), rid: z.string(), u: userRef(), roles: z.array(z.string()), ts: z.string() }),
  (member) => ({
    ...keys.roomMember(member.rid, member.u._id),
    gsi1pk: keys.userMembershipsIndex(member.u._id),
    gsi1sk: keys.roomIndexSort(member.rid),
    ...member,
    u: ref(member.u),
  }),
);

export const roomMessageCodec: Codec<RoomMessage> = /* @__PURE__ */ codec(
  'room message',
  () =>
    z.object({
    _id: z.string(),
    rid: z.string(),
    t: z.string(),
    msg: z.string(),
    u: userRef(),
    groupable: z.boolean(),
    ts: z.string(),
    _updatedAt: z.string(),
  }),
  (message) => ({ ...keys.roomMessage(message.rid, message.ts, message._id), ...message, u: ref(message.u) }),
);

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
  (group) => ({ ...keys.group(group.id), ...group }),
);

const decodeGroupUrl = /* @__PURE__ */ decoder('group url', () => z.object({ id: z.string() }));

/** The uniqueness guard of a group url, pointing at the group. */
export const groupUrlCodec = {
  encode: (group: Pick<Group, 'id'> & { url: string }): Item => ({ ...keys.groupUrl(group.url), id: group.id }),
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
    ...keys.groupMember(member.groupId, member.user._id),
    gsi1pk: keys.userMembershipsIndex(member.user._id),
    gsi1sk: keys.groupIndexSort(member.groupId),
    ...member,
    user: member.user.userId === undefined ? ref(member.user) : numberedRef(member.user as NumberedUserRef),
  }),
);

const invitationSchema = () =>
  z.object({
  groupId: z.string(),
  invitee: z.union([numberedUserRef(), z.object({ email: z.string() })]),
  invitedBy: numberedUserRef(),
  createdAt: z.string(),
  lastInvitedBy: numberedUserRef(),
  lastInvitedAt: z.string(),
  [tableSchema.ttlAttribute]: z.number(),
  invitesSent: z.number(),
  claimedEmail: z.optional(z.string()),
  tokenHash: z.optional(z.string()),
  tokenNonce: z.optional(z.string()),
});

/** The stored part of an invitation; `status` is worked out from the expiry when read. */
export type StoredInvitation = Omit<Invitation, 'status'>;

/** An invitation's key: per user, or per e-mail address that has no account yet. */
export const invitationKey = (invitation: Pick<StoredInvitation, 'groupId' | 'invitee'>) =>
  '_id' in invitation.invitee
    ? keys.groupInvitationForUser(invitation.groupId, invitation.invitee._id)
    : keys.groupInvitationForEmail(invitation.groupId, invitation.invitee.email);

/** gsi1: a user's invitations sit with their memberships; an e-mail's wait under the address. */
export const invitationIndexKey = (invitation: Pick<StoredInvitation, 'groupId' | 'invitee'>) => ({
  gsi1pk:
    '_id' in invitation.invitee
      ? keys.userMembershipsIndex(invitation.invitee._id)
      : keys.emailInvitationsIndex(invitation.invitee.email),
  gsi1sk: keys.invitationIndexSort(invitation.groupId),
});

export const invitationCodec: Codec<StoredInvitation> = /* @__PURE__ */ codec('invitation', invitationSchema, (invitation) => ({
  ...invitationKey(invitation),
  ...invitationIndexKey(invitation),
  ...invitation,
}));

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
  (group) => ({ ...keys.bertyGroup(Buffer.from(group.publicKey, 'base64')), ...group }),
);

export const bertyGroupMemberCodec = {
  encode: (publicKey: Buffer, user: UserRef, joinedAt: string, via?: MembershipOrigin): Item => ({
    ...keys.bertyGroupMember(publicKey, user._id),
    gsi1pk: keys.userMembershipsIndex(user._id),
    gsi1sk: keys.bertyGroupIndexSort(publicKey),
    user: ref(user),
    joinedAt,
    ...(via ? { via } : {}),
  }),
  /** The group a gsi1 membership entry points at. */
  groupOf: (item: Item): Buffer =>
    Buffer.from(String(item.gsi1sk).slice(keys.bertyGroupIndexPrefix().length), 'base64url'),
};

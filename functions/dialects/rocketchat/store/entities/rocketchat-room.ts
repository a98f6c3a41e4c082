/** Rocket.Chat rooms: the room (its counts as created), its counter shards, its name guard, its memberships (subscriptions) and its system messages. */
import * as z from '../../../../lib/zod';
import type { Room, RoomMember, RoomMessage } from '../../../../model';
import type { Item } from '../../../../store/batch';
import { type Codec, codec, decoder, key, ref, userRef } from '../../../../store/entities/codec';
import {
  type ChangeRecognizer,
  keysOf,
  type MembershipChange,
  membershipChange,
  streamMember,
} from '../../../../store/entities/entity-change';
import { userKeys } from '../../../../store/entities/user';

export const roomKeys = {
  room: (roomId: string) => key(`ROOM#${roomId}`, 'ROOM'),
  roomName: (name: string) => key(`ROOMNAME#${name}`, 'ROOMNAME'),
  roomMember: (roomId: string, userId: string) => key(`ROOM#${roomId}`, `MEMBER#${userId}`),
  roomMemberPrefix: () => 'MEMBER#',
  roomMessage: (roomId: string, ts: string, messageId: string) => key(`ROOM#${roomId}`, `MSG#${ts}#${messageId}`),
  roomMessagePrefix: () => 'MSG#',
  /** One of a room's counter shards: the counts its member writes move (see store/rocketchat-rooms.ts). */
  roomCounter: (roomId: string, shard: number) => key(`ROOM#${roomId}`, `ROOM#COUNTER#${shard}`),
  /** The sort keys of a room item and its counter shards, and of nothing else: one query reads them. */
  roomWithCountersPrefix: () => 'ROOM',
  roomIndexSort: (roomId: string) => `ROOM#${roomId}`,
} as const;

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
  (room) => ({ ...roomKeys.room(room._id), ...room, u: ref(room.u) }),
);

/** A room counter shard: what member writes added to the room's counts (see store/rocketchat-rooms.ts). */
export const decodeRoomCounter = /* @__PURE__ */ decoder('room counter', () =>
  z.object({ usersCount: z.number(), msgs: z.number(), _updatedAt: z.string(), lm: z.optional(z.string()) }),
);

const decodeRoomName = /* @__PURE__ */ decoder('room name', () => z.object({ _id: z.string() }));

/** The uniqueness guard of a room name, pointing at the room. */
export const roomNameCodec = {
  encode: (room: Pick<Room, '_id' | 'name'>): Item => ({ ...roomKeys.roomName(room.name), _id: room._id }),
  decode: (item: Item): string => decodeRoomName(item)._id,
};

export const roomMemberCodec: Codec<RoomMember> = /* @__PURE__ */ codec(
  'room membership',
  () =>
    z.object({
      _id: z.string(),
      rid: z.string(),
      u: userRef(),
      roles: z.array(z.string()),
      ts: z.string(),
      status: z.optional(z.literal('BANNED')),
      bannedBy: z.optional(userRef()),
    }),
  (member) => ({
    ...roomKeys.roomMember(member.rid, member.u._id),
    gsi1pk: userKeys.userMembershipsIndex(member.u._id),
    gsi1sk: roomKeys.roomIndexSort(member.rid),
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
  (message) => ({ ...roomKeys.roomMessage(message.rid, message.ts, message._id), ...message, u: ref(message.u) }),
);

export interface RoomMemberChange extends MembershipChange {
  entity: 'rocketchat:room-member';
  roomId: string;
}

/** The stream's view of a room member item (pk ROOM#<room>, sk MEMBER#<user>); ban items are none. */
export const roomMemberChange: ChangeRecognizer = ({ change, item }): RoomMemberChange | undefined => {
  const { pk, sk } = keysOf(item);
  const membership = membershipChange(change);
  if (!membership || !pk.startsWith('ROOM#') || !sk.startsWith(roomKeys.roomMemberPrefix())) return undefined;
  // A ban is no membership: putting one on a non-member and lifting one add and remove nobody (the ban's own notes tell).
  if (item.status === 'BANNED') return undefined;
  return {
    entity: 'rocketchat:room-member',
    change: membership,
    roomId: String(item.rid),
    member: streamMember(item, item.u as { _id: string; username: string }),
  };
};

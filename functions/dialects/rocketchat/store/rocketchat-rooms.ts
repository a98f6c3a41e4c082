/** Rocket.Chat rooms, their name guards, memberships and system messages. */
import { randomInt } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { RETRY, RETRY_NOW, retry } from '../../../lib/retry';
import { countMetric } from '../../../observability/telemetry';
import type { EventNote, Room, RoomMember, RoomMessage } from '../../../model';
import { retryPolicies } from '../../../policies';
import {
  batchGet,
  chunk,
  isContention,
  type Item,
  keyId,
  putIfAbsent,
  TRANSACTION_LIMIT,
  type TransactItem,
  transactWrite,
  unexpectedCancellation,
} from '../../../store/batch';
import { documentClient, tableName } from '../../../store/client';
import { removeMembership } from '../../../store/memberships';
import { decodeRoomCounter, roomCodec, roomMemberCodec, roomMessageCodec, roomNameCodec } from './items';
import { keys } from './keys';
import type { TableKey } from '../../../store/table-schema';
import { permissionKeys, pickStoredGrants, type StoredGrants } from './permissions';
import { queryByPrefix } from '../../../store/query';
import { pickUserRefs, type UserLookup, userRefKeys } from '../../../store/users';

/** Room, name guard and first memberships share one transaction. */
export const MAX_INITIAL_ROOM_MEMBERS = TRANSACTION_LIMIT - 2;

/** Creates a room, its unique name and its first memberships in one transaction. */
export async function insertRoom(room: Room, members: RoomMember[]): Promise<'created' | 'name-taken' | 'contention'> {
  const outcome = await transactWrite(
    [roomCodec.encode(room), roomNameCodec.encode(room), ...members.map(roomMemberCodec.encode)].map(putIfAbsent),
  );
  if (outcome.committed) return 'created';
  return outcome.reasons[1] === 'ConditionalCheckFailed' ? 'name-taken' : 'contention';
}

/**
 * A room's counts (`usersCount`, `msgs`) and times (`lm`, `_updatedAt`) are its item's, as
 * created, plus those of its counter shards: each write that adds or removes members moves one
 * shard and never the room item, so the chunks of a bulk invite, and concurrent invites, share
 * no item and run at once (DynamoDB cancels racing transactions on one item). As many shards as
 * the largest invite has chunks (1,000 users, 49 a transaction). An invite's read asks for all of
 * them in its BatchGetItem; a room read on its own is one Query (getRoom).
 */
export const ROOM_COUNTER_SHARDS = 21;

const counterKeys = (roomId: string) => Array.from({ length: ROOM_COUNTER_SHARDS }, (_, shard) => keys.roomCounter(roomId, shard));

/** The keys a read of a room needs: its item and its counter shards (for reads batched with others). */
export const roomReadKeys = (roomId: string) => [keys.room(roomId), ...counterKeys(roomId)];

/** The room among read items, its shards summed in. */
export function pickRoom(items: ReadonlyMap<string, Item>, roomId: string): Room | undefined {
  const item = items.get(keyId(keys.room(roomId)));
  if (!item) return undefined;
  const room = roomCodec.decode(item);
  for (const key of counterKeys(roomId)) {
    const shard = items.get(keyId(key));
    if (!shard) continue;
    const counts = decodeRoomCounter(shard);
    room.usersCount += counts.usersCount;
    room.msgs += counts.msgs;
    if (counts._updatedAt > room._updatedAt) room._updatedAt = counts._updatedAt;
    if (counts.lm && !(room.lm && room.lm >= counts.lm)) room.lm = counts.lm;
  }
  return room;
}

/**
 * The update of one counter shard by `members` and `messages` (a shard is created by its first
 * update; its counts may go below zero, the sum never does). Any shard is right: callers spread
 * their writes over them.
 */
export function counterUpdate(roomId: string, shard: number, change: { members: number; messages: number; now: string }): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.roomCounter(roomId, shard % ROOM_COUNTER_SHARDS),
      UpdateExpression: `ADD usersCount :members, msgs :messages SET #updatedAt = :now${change.messages > 0 ? ', lm = :now' : ''}`,
      ExpressionAttributeNames: { '#updatedAt': '_updatedAt' },
      ExpressionAttributeValues: { ':members': change.members, ':messages': change.messages, ':now': change.now },
    },
  };
}

export const randomShard = () => randomInt(ROOM_COUNTER_SHARDS);

/**
 * A room on its own: one query of its item and the shards that exist (consistent), which costs
 * DynamoDB a read of their few hundred bytes instead of one read unit per key of roomReadKeys.
 */
export async function getRoom(roomId: string): Promise<Room | undefined> {
  const items = await queryByPrefix(keys.room(roomId).pk, keys.roomWithCountersPrefix());
  return pickRoom(new Map(items.map((item) => [keyId(item as TableKey), item])), roomId);
}

export async function findRoomIdByName(name: string): Promise<string | undefined> {
  const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.roomName(name) }));
  return result.Item ? roomNameCodec.decode(result.Item) : undefined;
}

/** Finds a room by `_id` or, failing that, by name (admin CLI convenience). */
export async function findRoom(idOrName: string): Promise<Room | undefined> {
  const byId = await getRoom(idOrName);
  if (byId) return byId;
  const id = await findRoomIdByName(idOrName);
  return id ? getRoom(id) : undefined;
}

/** A room's membership items: its members and (status BANNED) the users banned from it. */
const listMembershipItems = async (roomId: string): Promise<RoomMember[]> =>
  (await queryByPrefix(keys.room(roomId).pk, keys.roomMemberPrefix())).map(roomMemberCodec.decode);
export const listRoomMembers = async (roomId: string): Promise<RoomMember[]> =>
  (await listMembershipItems(roomId)).filter((member) => member.status !== 'BANNED');
export const listBannedMembers = async (roomId: string): Promise<RoomMember[]> =>
  (await listMembershipItems(roomId)).filter((member) => member.status === 'BANNED');

/** One user's membership item in a room (a member, or banned), consistent. */
export async function getRoomMember(roomId: string, userId: string): Promise<RoomMember | undefined> {
  const result = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.roomMember(roomId, userId), ConsistentRead: true }),
  );
  return result.Item ? roomMemberCodec.decode(result.Item) : undefined;
}
export const listRoomMessages = async (roomId: string): Promise<RoomMessage[]> =>
  (await queryByPrefix(keys.room(roomId).pk, keys.roomMessagePrefix())).map(roomMessageCodec.decode);

/** Removes a membership and decrements `usersCount` (on a counter shard) together. Returns false if there was none. */
export const deleteRoomMember = (roomId: string, userId: string, now: string, note: EventNote): Promise<boolean> =>
  removeMembership(
    keys.roomMember(roomId, userId),
    (delta) => counterUpdate(roomId, randomShard(), { members: delta, messages: 0, now }),
    note,
  );

export interface InviteReads {
  room?: Room;
  inviterMembership?: RoomMember;
  users: UserLookup;
  storedGrants: StoredGrants;
  /** Which of the invitees named by id are members already (read with the rest). */
  memberIds: Set<string>;
  /** Which of the invitees named by id are banned from the room (read with the rest). */
  bannedIds: Set<string>;
}

/**
 * Everything an invite decides on, in one BatchGetItem round (100 keys a call, calls concurrent):
 * the room, the inviter's membership, the invitees (by id and by username) and the stored grants.
 */
export async function readInviteContext(input: {
  roomId: string;
  inviterId: string;
  userIds: string[];
  usernames: string[];
  permissions: readonly string[];
}): Promise<InviteReads> {
  const membershipKey = keys.roomMember(input.roomId, input.inviterId);
  // The memberships of invitees named by id ride along, so members already are known without a write.
  const memberKeys = input.userIds.map((id) => keys.roomMember(input.roomId, id));
  const items = await batchGet([
    ...roomReadKeys(input.roomId),
    membershipKey,
    ...userRefKeys(input.userIds, input.usernames),
    ...memberKeys,
    ...permissionKeys(input.permissions),
  ]);
  const membership = items.get(keyId(membershipKey));
  const inviterMembership = membership ? roomMemberCodec.decode(membership) : undefined;
  const statusOf = (i: number) => {
    const item = items.get(keyId(memberKeys[i]!));
    return item ? (item.status === 'BANNED' ? 'banned' : 'member') : 'none';
  };
  return {
    room: pickRoom(items, input.roomId),
    // A banned inviter is no member.
    inviterMembership: inviterMembership?.status === 'BANNED' ? undefined : inviterMembership,
    users: pickUserRefs(items, input.userIds, input.usernames),
    storedGrants: pickStoredGrants(items, input.permissions),
    memberIds: new Set(input.userIds.filter((_id, i) => statusOf(i) === 'member')),
    bannedIds: new Set(input.userIds.filter((_id, i) => statusOf(i) === 'banned')),
  };
}

/** Which of these users are banned from the room (one BatchGetItem of their membership items). */
export async function readBannedUsers(roomId: string, userIds: readonly string[]): Promise<Set<string>> {
  const memberKeys = userIds.map((id) => keys.roomMember(roomId, id));
  const items = await batchGet(memberKeys);
  return new Set(userIds.filter((_id, i) => items.get(keyId(memberKeys[i]!))?.status === 'BANNED'));
}

/** A new member of a room and the system message announcing it, committed together. */
export interface RoomAddition {
  member: RoomMember;
  message: RoomMessage;
}

/** Two actions per addition (membership, system message) plus the counter shard fit in one transaction. */
export const ADDITIONS_PER_TRANSACTION = Math.floor((TRANSACTION_LIMIT - 1) / 2);

/**
 * Adds members to a room: for each addition whose user is not yet a member, the membership, the
 * message and the counts (on one counter shard) commit in one transaction, on condition the
 * membership is absent; members already are skipped. The chunks of 49 run at once, each on its
 * own shard, so none waits for another; a chunk lost to contention (a racing invite of the same
 * user, or on the same shard) is retried (retryPolicies.roomInviteChunk). Every chunk is settled
 * before the first failure is thrown, so what was added is whole users and nothing is in flight.
 * The room is not touched: the caller decided on it from its read (no operation deletes or
 * archives a room; see ../README.md). Returns the user ids added.
 */
export async function addRoomMembers(roomId: string, additions: RoomAddition[]): Promise<{ added: string[] }> {
  const firstShard = randomShard();
  const chunks = await Promise.allSettled(
    chunk(additions, ADDITIONS_PER_TRANSACTION).map((group, i) => addChunk(roomId, firstShard + i, group)),
  );
  const failed = chunks.find((outcome) => outcome.status === 'rejected');
  if (failed) throw failed.reason;
  return { added: chunks.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : [])) };
}

async function addChunk(roomId: string, shard: number, group: RoomAddition[]): Promise<string[]> {
  let pending = group;
  await retry(retryPolicies.roomInviteChunk, async () => {
    const outcome = await transactWrite(additionActions(roomId, shard, pending));
    if (outcome.committed) return undefined;
    const { reasons } = outcome;
    const members = new Set(pending.filter((_, i) => reasons[2 * i] === 'ConditionalCheckFailed').map((a) => a.member.u._id));
    if (members.size > 0) {
      // Already members are dropped; the rest is tried again at once.
      pending = pending.filter((addition) => !members.has(addition.member.u._id));
      return pending.length === 0 ? undefined : RETRY_NOW;
    }
    if (!isContention(reasons)) {
      throw unexpectedCancellation('invite', reasons);
    }
    countMetric('ConflictRetries');
    return RETRY;
  });
  return pending.map((addition) => addition.member.u._id);
}

function additionActions(roomId: string, shard: number, additions: RoomAddition[]): TransactItem[] {
  const actions: TransactItem[] = [];
  for (const { member, message } of additions) {
    actions.push(putIfAbsent(roomMemberCodec.encode(member)));
    actions.push({ Put: { TableName: tableName, Item: roomMessageCodec.encode(message) } });
  }
  const now = additions[additions.length - 1]!.message.ts;
  actions.push(counterUpdate(roomId, shard, { members: additions.length, messages: additions.length, now }));
  return actions;
}

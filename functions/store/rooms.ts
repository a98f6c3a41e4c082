/** Rocket.Chat rooms, their name guards, memberships and system messages. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ServiceError } from '../errors';
import { RETRY, RETRY_NOW, retry } from '../lib/retry';
import { countMetric } from '../observability/telemetry';
import type { Room, RoomMember, RoomMessage } from '../model';
import { retryPolicies } from '../policies';
import { batchGet, chunk, isContention, keyId, putIfAbsent, type TransactItem, TRANSACTION_LIMIT, transactWrite } from './batch';
import { documentClient, tableName } from './client';
import { roomCodec, roomMemberCodec, roomMessageCodec, roomNameCodec } from './items';
import { keys } from './keys';
import { permissionKeys, pickStoredGrants, type StoredGrants } from './permissions';
import { queryByPrefix } from './query';
import { pickUserRefs, type UserLookup, userRefKeys } from './users';

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

export async function getRoom(roomId: string): Promise<Room | undefined> {
  const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.room(roomId), ConsistentRead: true }));
  return result.Item ? roomCodec.decode(result.Item) : undefined;
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

export const listRoomMembers = async (roomId: string): Promise<RoomMember[]> =>
  (await queryByPrefix(keys.room(roomId).pk, keys.roomMemberPrefix())).map(roomMemberCodec.decode);
export const listRoomMessages = async (roomId: string): Promise<RoomMessage[]> =>
  (await queryByPrefix(keys.room(roomId).pk, keys.roomMessagePrefix())).map(roomMessageCodec.decode);

/** Removes a membership and decrements `usersCount` together. Returns false if there was none. */
export async function deleteRoomMember(roomId: string, userId: string, now: string): Promise<boolean> {
  const outcome = await transactWrite([
    { Delete: { TableName: tableName, Key: keys.roomMember(roomId, userId), ConditionExpression: 'attribute_exists(pk)' } },
    {
      Update: {
        TableName: tableName,
        Key: keys.room(roomId),
        UpdateExpression: 'ADD usersCount :minusOne SET #updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#updatedAt': '_updatedAt' },
        ExpressionAttributeValues: { ':minusOne': -1, ':now': now },
      },
    },
  ]);
  return outcome.committed;
}

export interface InviteReads {
  room?: Room;
  inviterMembership?: RoomMember;
  users: UserLookup;
  storedGrants: StoredGrants;
  /** Which of the invitees named by id are members already (read with the rest). */
  memberIds: Set<string>;
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
  const roomKey = keys.room(input.roomId);
  const membershipKey = keys.roomMember(input.roomId, input.inviterId);
  // The memberships of invitees named by id ride along, so members already are known without a write.
  const memberKeys = input.userIds.map((id) => keys.roomMember(input.roomId, id));
  const items = await batchGet([
    roomKey,
    membershipKey,
    ...userRefKeys(input.userIds, input.usernames),
    ...memberKeys,
    ...permissionKeys(input.permissions),
  ]);
  const room = items.get(keyId(roomKey));
  const membership = items.get(keyId(membershipKey));
  return {
    room: room ? roomCodec.decode(room) : undefined,
    inviterMembership: membership ? roomMemberCodec.decode(membership) : undefined,
    users: pickUserRefs(items, input.userIds, input.usernames),
    storedGrants: pickStoredGrants(items, input.permissions),
    memberIds: new Set(input.userIds.filter((id, i) => items.has(keyId(memberKeys[i]!)))),
  };
}

/** A new member of a room and the system message announcing it, committed together. */
export interface RoomAddition {
  member: RoomMember;
  message: RoomMessage;
}

/** Two actions per addition (membership, system message) plus the room update fit in one transaction. */
export const ADDITIONS_PER_TRANSACTION = Math.floor((TRANSACTION_LIMIT - 1) / 2);

export type AddMembersResult = { status: 'ok'; added: string[] } | { status: 'room-rejected'; added: string[] };

/**
 * Adds members to a room: for each addition whose user is not yet a member, the membership, the
 * message and the room's `usersCount`/`msgs` increments commit in one transaction, conditional
 * on the membership being absent and the room existing unarchived. Existing members are skipped.
 * Chunks of 49 run one after another because each updates the room item; a chunk lost to
 * contention is retried (retryPolicies.roomInviteChunk). `room-rejected`: the room vanished or
 * was archived. Returns the user ids added.
 */
export async function addRoomMembers(roomId: string, additions: RoomAddition[]): Promise<AddMembersResult> {
  const added: string[] = [];
  for (const group of chunk(additions, ADDITIONS_PER_TRANSACTION)) {
    let pending = group;
    const rejected = await retry(retryPolicies.roomInviteChunk, async () => {
      if (pending.length === 0) return false;
      const outcome = await transactWrite(additionActions(roomId, pending));
      if (outcome.committed) {
        added.push(...pending.map((addition) => addition.member.u._id));
        return false;
      }
      const { reasons } = outcome;
      if (reasons[reasons.length - 1] === 'ConditionalCheckFailed') return true;
      const members = new Set(pending.filter((_, i) => reasons[2 * i] === 'ConditionalCheckFailed').map((a) => a.member.u._id));
      if (members.size > 0) {
        // Already members are dropped; the rest is tried again at once.
        pending = pending.filter((addition) => !members.has(addition.member.u._id));
        return pending.length === 0 ? false : RETRY_NOW;
      }
      if (!isContention(reasons)) {
        throw new ServiceError('bad_gateway', `DynamoDB cancelled the invite transaction: ${reasons.join(', ')}`);
      }
      countMetric('ConflictRetries');
      return RETRY;
    });
    if (rejected) return { status: 'room-rejected', added };
  }
  return { status: 'ok', added };
}

function additionActions(roomId: string, additions: RoomAddition[]): TransactItem[] {
  const actions: TransactItem[] = [];
  for (const { member, message } of additions) {
    actions.push(putIfAbsent(roomMemberCodec.encode(member)));
    actions.push({ Put: { TableName: tableName, Item: roomMessageCodec.encode(message) } });
  }
  const now = additions[additions.length - 1]!.message.ts;
  actions.push({
    Update: {
      TableName: tableName,
      Key: keys.room(roomId),
      UpdateExpression: 'ADD usersCount :count, msgs :count SET lm = :now, #updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(archived) OR archived = :false)',
      ExpressionAttributeNames: { '#updatedAt': '_updatedAt' },
      ExpressionAttributeValues: { ':count': additions.length, ':now': now, ':false': false },
    },
  });
  return actions;
}

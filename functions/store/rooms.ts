import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ServiceError } from '../errors';
import { randomId } from '../lib/ids';
import { backoffMs, batchGet, chunk, type Item, isContention, keyId, putIfAbsent, sleep, type TransactItem, TRANSACTION_LIMIT, transactWrite } from './batch';
import { documentClient, tableName } from './client';
import { keys, stripLayout } from './keys';
import { permissionKeys, pickPermissionRoles } from './permissions';
import { queryByPrefix } from './query';
import { pickUserRefs, type UserRef, userRefKeys } from './users';

/** c = public channel, p = private group, d = direct message, l = livechat (Rocket.Chat room types). */
export type RoomType = 'c' | 'p' | 'd' | 'l';

export interface Room {
  _id: string;
  t: RoomType;
  name: string;
  fname: string;
  msgs: number;
  usersCount: number;
  u: UserRef;
  ts: string;
  ro: boolean;
  sysMes: boolean;
  default: boolean;
  _updatedAt: string;
  lm?: string;
  archived?: boolean;
}

export interface RoomMember {
  _id: string;
  rid: string;
  u: UserRef;
  /** Room-scoped roles: `owner`, `moderator`, `leader`. */
  roles: string[];
  ts: string;
}

export interface NewRoom {
  name: string;
  type: RoomType;
  owner: UserRef;
  members?: UserRef[];
  moderators?: UserRef[];
  archived?: boolean;
}

const memberItem = (roomId: string, user: UserRef, roles: string[], ts: string): Item => ({
  ...keys.roomMember(roomId, user._id),
  gsi1pk: keys.userMembershipsIndex(user._id),
  gsi1sk: keys.roomIndexSort(roomId),
  _id: randomId(),
  rid: roomId,
  u: { _id: user._id, username: user.username },
  roles,
  ts,
});

/** Creates a room, its unique name and its first memberships in one transaction. */
export async function createRoom(input: NewRoom): Promise<Room> {
  const now = new Date().toISOString();
  const roles = new Map<string, { user: UserRef; roles: string[] }>();
  for (const user of input.members ?? []) roles.set(user._id, { user, roles: [] });
  for (const user of input.moderators ?? []) roles.set(user._id, { user, roles: ['moderator'] });
  roles.set(input.owner._id, { user: input.owner, roles: ['owner'] });
  if (roles.size > TRANSACTION_LIMIT - 2) {
    throw new ServiceError('invalid_request', `A room is created with at most ${TRANSACTION_LIMIT - 2} members`);
  }
  const room: Room = {
    _id: randomId(),
    t: input.type,
    name: input.name,
    fname: input.name,
    msgs: 0,
    usersCount: roles.size,
    u: { _id: input.owner._id, username: input.owner.username },
    ts: now,
    ro: false,
    sysMes: true,
    default: false,
    _updatedAt: now,
    ...(input.archived ? { archived: true } : {}),
  };
  const outcome = await transactWrite([
    putIfAbsent({ ...keys.room(room._id), ...room }),
    putIfAbsent({ ...keys.roomName(room.name), _id: room._id }),
    ...[...roles.values()].map((member) => putIfAbsent(memberItem(room._id, member.user, member.roles, now))),
  ]);
  if (!outcome.committed) {
    if (outcome.reasons[1] === 'ConditionalCheckFailed') {
      throw new ServiceError('conflict', `A room named "${room.name}" already exists`);
    }
    throw new ServiceError('unavailable', 'Could not create the room, try again');
  }
  return room;
}

export async function getRoom(roomId: string): Promise<Room | undefined> {
  const result = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.room(roomId), ConsistentRead: true }),
  );
  return result.Item ? (stripLayout(result.Item) as unknown as Room) : undefined;
}

export async function findRoomIdByName(name: string): Promise<string | undefined> {
  const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.roomName(name) }));
  return result.Item ? String(result.Item._id) : undefined;
}

/** Finds a room by `_id` or, failing that, by name (admin CLI convenience). */
export async function findRoom(idOrName: string): Promise<Room | undefined> {
  const byId = await getRoom(idOrName);
  if (byId) return byId;
  const id = await findRoomIdByName(idOrName);
  return id ? getRoom(id) : undefined;
}

export const listRoomMembers = async (roomId: string) =>
  (await queryByPrefix(keys.room(roomId).pk, keys.roomMemberPrefix())) as unknown as RoomMember[];
export const listRoomMessages = (roomId: string) => queryByPrefix(keys.room(roomId).pk, keys.roomMessagePrefix());

/** Removes a membership and decrements `usersCount` together. Returns false if there was none. */
export async function removeRoomMember(roomId: string, userId: string): Promise<boolean> {
  const outcome = await transactWrite([
    {
      Delete: {
        TableName: tableName,
        Key: keys.roomMember(roomId, userId),
        ConditionExpression: 'attribute_exists(pk)',
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: keys.room(roomId),
        UpdateExpression: 'ADD usersCount :minusOne SET #updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#updatedAt': '_updatedAt' },
        ExpressionAttributeValues: { ':minusOne': -1, ':now': new Date().toISOString() },
      },
    },
  ]);
  return outcome.committed;
}

export interface InviteContext {
  room?: Room;
  inviterMembership?: RoomMember;
  invitees: UserRef[];
  permissionRoles: Map<string, string[]>;
}

/**
 * Everything an invite decides on, in one BatchGetItem round (100 keys a call, calls concurrent):
 * the room, the inviter's membership, the invitees (by id and by username) and the permission grants.
 */
export async function readInviteContext(input: {
  roomId: string;
  inviterId: string;
  userIds: string[];
  usernames: string[];
  permissions: readonly string[];
}): Promise<InviteContext> {
  const roomKey = keys.room(input.roomId);
  const membershipKey = keys.roomMember(input.roomId, input.inviterId);
  const items = await batchGet([
    roomKey,
    membershipKey,
    ...userRefKeys(input.userIds, input.usernames),
    ...permissionKeys(input.permissions),
  ]);
  const room = items.get(keyId(roomKey));
  const membership = items.get(keyId(membershipKey));
  return {
    room: room ? (stripLayout(room) as unknown as Room) : undefined,
    inviterMembership: membership ? (stripLayout(membership) as unknown as RoomMember) : undefined,
    invitees: pickUserRefs(items, input.userIds, input.usernames),
    permissionRoles: pickPermissionRoles(items, input.permissions),
  };
}

/** Two actions per invitee (membership, system message) plus the room update fit in one transaction. */
export const INVITEES_PER_TRANSACTION = Math.floor((TRANSACTION_LIMIT - 1) / 2);
const MAX_ATTEMPTS_PER_CHUNK = 25;

export type AddMembersResult = { status: 'ok'; added: UserRef[] } | { status: 'room-rejected'; added: UserRef[] };

/**
 * Adds users to a room: for each user not yet a member, the membership, an `au` system message
 * and the room's `usersCount`/`msgs` increments commit in one transaction, conditional on the
 * membership being absent and the room existing unarchived. Existing members are skipped.
 * Chunks of 49 users run one after another because each updates the room item; a chunk lost to
 * contention is retried with backoff. `room-rejected` means the room vanished or was archived.
 */
export async function addRoomMembers(roomId: string, inviter: UserRef, invitees: UserRef[]): Promise<AddMembersResult> {
  const added: UserRef[] = [];
  for (const group of chunk(invitees, INVITEES_PER_TRANSACTION)) {
    let pending = group;
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt >= MAX_ATTEMPTS_PER_CHUNK) {
        throw new ServiceError('unavailable', 'The room is too busy right now, try again');
      }
      const now = new Date().toISOString();
      const outcome = await transactWrite(inviteActions(roomId, inviter, pending, now));
      if (outcome.committed) {
        added.push(...pending);
        break;
      }
      const { reasons } = outcome;
      if (reasons[reasons.length - 1] === 'ConditionalCheckFailed') return { status: 'room-rejected', added };
      const members = new Set(pending.filter((_, i) => reasons[2 * i] === 'ConditionalCheckFailed').map((u) => u._id));
      if (members.size > 0) {
        pending = pending.filter((user) => !members.has(user._id));
        continue;
      }
      if (!isContention(reasons)) {
        throw new ServiceError('bad_gateway', `DynamoDB cancelled the invite transaction: ${reasons.join(', ')}`);
      }
      await sleep(backoffMs(attempt));
    }
  }
  return { status: 'ok', added };
}

function inviteActions(roomId: string, inviter: UserRef, invitees: UserRef[], now: string): TransactItem[] {
  const actions: TransactItem[] = [];
  for (const invitee of invitees) {
    actions.push(putIfAbsent(memberItem(roomId, invitee, [], now)));
    const messageId = randomId();
    actions.push({
      Put: {
        TableName: tableName,
        Item: {
          ...keys.roomMessage(roomId, now, messageId),
          _id: messageId,
          rid: roomId,
          t: 'au',
          msg: invitee.username,
          u: { _id: inviter._id, username: inviter.username },
          groupable: false,
          ts: now,
          _updatedAt: now,
        },
      },
    });
  }
  actions.push({
    Update: {
      TableName: tableName,
      Key: keys.room(roomId),
      UpdateExpression: 'ADD usersCount :count, msgs :count SET lm = :now, #updatedAt = :now',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(archived) OR archived = :false)',
      ExpressionAttributeNames: { '#updatedAt': '_updatedAt' },
      ExpressionAttributeValues: { ':count': invitees.length, ':now': now, ':false': false },
    },
  });
  return actions;
}

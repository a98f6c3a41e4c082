/** Rocket.Chat invite links, their reuse slots, and joining a room by one. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Room, RoomInvite, RoomMember, RoomMessage } from '../../../model';
import { batchGet, deleteIfPresent, keyId, putIfAbsent, transactWriteWithRetry } from '../../../store/batch';
import { documentClient, tableName } from '../../../store/client';
import { roomCodec, roomInviteCodec, roomMemberCodec, roomMessageCodec } from './items';
import { keys } from './keys';
import { permissionKeys, pickStoredGrants, type StoredGrants } from './permissions';
import { queryByPrefix } from '../../../store/query';
import { counterUpdate, randomShard } from './rocketchat-rooms';

export interface InviteLinkReads {
  /** The room as created (its counter shards are not read: a link needs only its type and names). */
  room?: Pick<Room, '_id' | 't' | 'name' | 'fname'>;
  callerMembership?: RoomMember;
  storedGrants: StoredGrants;
  /** The id of the link the caller last made for this room with these days and uses. */
  slotInviteId?: string;
}

/** What findOrCreateInvite decides on, in one BatchGetItem: room, caller's membership, grants, reuse slot. */
export async function readInviteLinkContext(input: {
  roomId: string;
  userId: string;
  days: number;
  maxUses: number;
  permissions: readonly string[];
}): Promise<InviteLinkReads> {
  const roomKey = keys.room(input.roomId);
  const memberKey = keys.roomMember(input.roomId, input.userId);
  const slotKey = keys.inviteLinkSlot(input.roomId, input.userId, input.days, input.maxUses);
  const items = await batchGet([roomKey, memberKey, slotKey, ...permissionKeys(input.permissions)]);
  const room = items.get(keyId(roomKey));
  const member = items.get(keyId(memberKey));
  const slot = items.get(keyId(slotKey));
  return {
    room: room ? roomCodec.decode(room) : undefined,
    callerMembership: member ? roomMemberCodec.decode(member) : undefined,
    storedGrants: pickStoredGrants(items, input.permissions),
    slotInviteId: typeof slot?.inviteId === 'string' ? slot.inviteId : undefined,
  };
}

export async function getInviteLink(id: string): Promise<RoomInvite | undefined> {
  const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.inviteLink(id), ConsistentRead: true }));
  return result.Item ? roomInviteCodec.decode(result.Item) : undefined;
}

/**
 * Stores a new link and points the reuse slot at it, on condition the slot still points where it
 * did when read (`previousId`): of two racing creations, one wins and the other reuses its link.
 */
export async function insertInviteLink(invite: RoomInvite, previousId: string | undefined): Promise<'created' | 'slot-changed'> {
  const slot = keys.inviteLinkSlot(invite.rid, invite.userId, invite.days, invite.maxUses);
  const outcome = await transactWriteWithRetry(
    [
      putIfAbsent(roomInviteCodec.encode(invite)),
      {
        Put: {
          TableName: tableName,
          Item: { ...slot, inviteId: invite._id },
          ConditionExpression: previousId === undefined ? 'attribute_not_exists(pk)' : 'inviteId = :previous',
          ...(previousId === undefined ? {} : { ExpressionAttributeValues: { ':previous': previousId } }),
        },
      },
    ],
    'create link',
  );
  return outcome.committed ? 'created' : 'slot-changed';
}

/** Every link of every room (Rocket.Chat's listInvites), all pages. */
export const listInviteLinks = async (): Promise<RoomInvite[]> =>
  (await queryByPrefix(keys.inviteLink('').pk, keys.inviteLinkPrefix())).map(roomInviteCodec.decode);

/** Deletes a link; false when there was none. */
export async function deleteInviteLink(id: string): Promise<boolean> {
  const outcome = await transactWriteWithRetry([deleteIfPresent(keys.inviteLink(id))], 'remove link');
  return outcome.committed;
}

export type UseLinkOutcome = 'joined' | 'already-member' | 'link-refused';

/**
 * Joins a room by a link in one transaction: the link's use is counted on condition it is still
 * live (not expired at `nowIso`, uses left), the membership is added if absent, the `uj` message
 * posted and the room's counters moved (on a counter shard: the room item is not touched). A
 * member already: nothing is written, no use counted.
 * Racing uses of a link with N uses left: exactly N commit (the others find it used up).
 */
export async function joinByInviteLink(
  invite: RoomInvite,
  member: RoomMember,
  message: RoomMessage,
  nowIso: string,
): Promise<UseLinkOutcome> {
  const outcome = await transactWriteWithRetry(
    [
      {
        Update: {
          TableName: tableName,
          Key: keys.inviteLink(invite._id),
          UpdateExpression: 'ADD uses :one SET #updatedAt = :now',
          ConditionExpression:
            'attribute_exists(pk) AND (maxUses = :zero OR uses < maxUses) AND (attribute_type(expires, :null) OR expires > :now)',
          ExpressionAttributeNames: { '#updatedAt': '_updatedAt' },
          ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':null': 'NULL', ':now': nowIso },
        },
      },
      putIfAbsent(roomMemberCodec.encode(member)),
      { Put: { TableName: tableName, Item: roomMessageCodec.encode(message) } },
      counterUpdate(invite.rid, randomShard(), { members: 1, messages: 1, now: nowIso }),
    ],
    'join by link',
  );
  if (outcome.committed) return 'joined';
  // The link's validity comes first, as Rocket.Chat validates the token before anything else.
  return outcome.reasons[0] === 'ConditionalCheckFailed' ? 'link-refused' : 'already-member';
}

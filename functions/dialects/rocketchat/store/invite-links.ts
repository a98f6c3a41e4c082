/** Rocket.Chat invite links, their reuse slots, and joining a room by one. */
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { hashToken } from '../../../lib/ids';
import type { Room, RoomInvite, RoomMember, RoomMessage } from '../../../model';
import { batchGet, deleteIfPresent, type Item, keyId, putIfAbsent, transactWriteWithRetry } from '../../../store/batch';
import type { TableKey } from '../../../store/table-schema';
import { inviteLinkIdItem, inviteLinkKeyOf } from './entities/invite-link';
import { documentClient, tableName } from '../../../store/client';
import { roomCodec, roomInviteCodec, roomMemberCodec, roomMessageCodec } from './items';
import { keys } from './keys';
import { permissionKeys, pickStoredGrants, type StoredGrants } from './permissions';
import { queryByPrefix } from '../../../store/query';
import { counterUpdate, randomShard } from './rocketchat-rooms';

/** What the reuse slot holds: the hash of the link it points at (`linkHash`; before the split, the link's clear `inviteId`). */
export interface LinkSlot {
  attribute: 'linkHash' | 'inviteId';
  value: string;
}

/** What locates a link: its public id, its hash and style, and its room. */
export type LinkPointer = Pick<RoomInvite, '_id' | 'tokenHash' | 'style' | 'rid'>;

export interface InviteLinkReads {
  /** The room as created (its counter shards are not read: a link needs only its type and names). */
  room?: Pick<Room, '_id' | 't' | 'name' | 'fname'>;
  callerMembership?: RoomMember;
  storedGrants: StoredGrants;
  /** The link the caller last made for this room with these days and uses. */
  slot?: LinkSlot;
}

const slotOf = (item: Item | undefined): LinkSlot | undefined => {
  if (typeof item?.linkHash === 'string') return { attribute: 'linkHash', value: item.linkHash };
  if (typeof item?.inviteId === 'string') return { attribute: 'inviteId', value: item.inviteId };
  return undefined;
};

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
  return {
    room: room ? roomCodec.decode(room) : undefined,
    callerMembership: member ? roomMemberCodec.decode(member) : undefined,
    storedGrants: pickStoredGrants(items, input.permissions),
    slot: slotOf(items.get(keyId(slotKey))),
  };
}

const getItem = async (key: TableKey): Promise<Item | undefined> =>
  (await documentClient.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

/** The link stored under this token hash. */
export async function getInviteLinkByHash(tokenHash: string): Promise<RoomInvite | undefined> {
  const item = await getItem(keys.inviteLink(tokenHash));
  return item ? roomInviteCodec.decode(item) : undefined;
}

/** The link a slot points at (a pre-split slot names the link's clear id). */
export const getSlotLink = (slot: LinkSlot): Promise<RoomInvite | undefined> => getInviteLinkByHash(slot.value);

/**
 * The link a token opens: the one stored under the token's hash, else (a link stored before the
 * split and not yet moved) the one stored under the token itself. The second read happens only
 * for a token no moved or new link has.
 */
export async function getInviteLinkByToken(token: string): Promise<RoomInvite | undefined> {
  const item = (await getItem(keys.inviteLink(hashToken(token)))) ?? (await getItem(keys.inviteLink(token)));
  if (!item) return undefined;
  const invite = roomInviteCodec.decode(item);
  // An item found under the token itself must be a clear one (a hash-keyed item's sk is no token).
  return invite.style === 'clear' || invite.tokenHash === hashToken(token) ? invite : undefined;
}

/** What a link's public id points at: where the link is (its hash), its style and room; or undefined. */
export async function getLinkPointer(publicId: string): Promise<LinkPointer | undefined> {
  const pointer = await getItem(keys.inviteLinkId(publicId));
  if (typeof pointer?.tokenHash !== 'string' || typeof pointer.style !== 'string' || typeof pointer.rid !== 'string') return undefined;
  return { _id: publicId, tokenHash: pointer.tokenHash, style: pointer.style as RoomInvite['style'], rid: pointer.rid };
}

/**
 * Stores a new link (and its id pointer) and points the reuse slot at it, on condition the slot
 * still holds what it did when read: of two racing creations, one wins and the other reuses its link.
 */
export async function insertInviteLink(invite: RoomInvite, previous: LinkSlot | undefined): Promise<'created' | 'slot-changed'> {
  const slot = keys.inviteLinkSlot(invite.rid, invite.userId, invite.days, invite.maxUses);
  const outcome = await transactWriteWithRetry(
    [
      putIfAbsent(roomInviteCodec.encode(invite)),
      putIfAbsent(inviteLinkIdItem(invite)),
      {
        Put: {
          TableName: tableName,
          Item: { ...slot, linkHash: invite.tokenHash },
          ConditionExpression: previous === undefined ? 'attribute_not_exists(pk)' : '#previous = :previous',
          ...(previous === undefined
            ? {}
            : {
                ExpressionAttributeNames: { '#previous': previous.attribute },
                ExpressionAttributeValues: { ':previous': previous.value },
              }),
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

/** Deletes a link and its id pointer; false when it was gone already. */
export async function deleteInviteLink(invite: Pick<RoomInvite, '_id' | 'tokenHash' | 'style'>): Promise<boolean> {
  const outcome = await transactWriteWithRetry(
    [
      deleteIfPresent(inviteLinkKeyOf(invite)),
      ...(invite.style === 'clear' ? [] : [{ Delete: { TableName: tableName, Key: keys.inviteLinkId(invite._id) } }]),
    ],
    'remove link',
  );
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
          Key: inviteLinkKeyOf(invite),
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

/**
 * Moves a link stored before the split (its token in clear as its sk and `_id`) to its hash, as
 * upstream's migration does: a new public id, the old `_id` kept only as the token's hash,
 * `legacy`, and `expires` as it was or the cut-off. The old item is first marked `movedTo`, so the
 * stream reads its deletion as a move (no `Invite Link Removed`); the slot that named it is
 * dropped, as upstream never reuses a legacy link. False when it was moved or removed meanwhile.
 */
export async function moveClearLink(clear: RoomInvite, moved: RoomInvite): Promise<boolean> {
  const oldKey = inviteLinkKeyOf(clear);
  const marked = await transactWriteWithRetry(
    [
      {
        Update: {
          TableName: tableName,
          Key: oldKey,
          UpdateExpression: 'SET movedTo = :to',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(#style)',
          ExpressionAttributeNames: { '#style': 'style' },
          ExpressionAttributeValues: { ':to': moved.tokenHash },
        },
      },
    ],
    'mark moved link',
  );
  if (!marked.committed) return false;
  // Uses counted between the read and the mark are carried over: the moved link starts from the item as marked.
  const current = await getItem(oldKey);
  if (!current) return false;
  const { uses, _updatedAt } = roomInviteCodec.decode(current);
  const outcome = await transactWriteWithRetry(
    [
      {
        Delete: {
          TableName: tableName,
          Key: oldKey,
          ConditionExpression: 'movedTo = :to AND #uses = :uses',
          ExpressionAttributeNames: { '#uses': 'uses' },
          ExpressionAttributeValues: { ':to': moved.tokenHash, ':uses': uses },
        },
      },
      putIfAbsent(roomInviteCodec.encode({ ...moved, uses, _updatedAt })),
      putIfAbsent(inviteLinkIdItem(moved)),
    ],
    'move link',
  );
  if (!outcome.committed) return false;
  // A pre-split slot names its link by the clear token: dropped (a slot already pointing at a newer link stays).
  await documentClient
    .send(
      new DeleteCommand({
        TableName: tableName,
        Key: keys.inviteLinkSlot(clear.rid, clear.userId, clear.days, clear.maxUses),
        ConditionExpression: 'attribute_exists(inviteId)',
      }),
    )
    .catch((error: unknown) => {
      if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
    });
  return true;
}

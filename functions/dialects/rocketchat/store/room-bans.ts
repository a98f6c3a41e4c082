/**
 * Bans from Rocket.Chat rooms (upstream 8.x keeps a ban as the subscription's `status: BANNED`):
 * here the user's membership item holds the ban, so every transaction that adds a member — on
 * condition that item is absent — refuses a banned user with no further read.
 */
import type { EventNote, RoomMember, RoomMessage } from '../../../model';
import { type TransactItem, transactWriteWithRetry } from '../../../store/batch';
import { tableName } from '../../../store/client';
import { eventNotePut } from '../../../store/event-notes';
import { roomMemberCodec, roomMessageCodec } from './items';
import { keys } from './keys';
import { counterUpdate, randomShard } from './rocketchat-rooms';

/** A banned user's item: the membership's key, no roles, and none of the user-index attributes (a ban is no room of theirs). */
const bannedItem = (ban: RoomMember) => {
  const { gsi1pk: _pk, gsi1sk: _sk, ...item } = roomMemberCodec.encode(ban);
  return item;
};

export type BanOutcome = 'banned' | 'changed';

/**
 * Bans a user: their membership item becomes the ban (a member: on condition it is still a plain
 * membership, and `usersCount` − 1; anyone else: on condition there is none), with the
 * `user-banned` message and the event notes, in one transaction. 'changed': the item was not
 * what was read (the caller reads again).
 */
export async function putBan(ban: RoomMember, wasMember: boolean, message: RoomMessage, notes: readonly EventNote[]): Promise<BanOutcome> {
  const actions: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: bannedItem(ban),
        ConditionExpression: wasMember ? 'attribute_exists(pk) AND attribute_not_exists(#status)' : 'attribute_not_exists(pk)',
        ...(wasMember ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
      },
    },
    { Put: { TableName: tableName, Item: roomMessageCodec.encode(message) } },
    counterUpdate(ban.rid, randomShard(), { members: wasMember ? -1 : 0, messages: 1, now: message.ts }),
    ...notes.map(eventNotePut),
  ];
  const outcome = await transactWriteWithRetry(actions, 'ban user');
  return outcome.committed ? 'banned' : 'changed';
}

/** Lifts a ban (the item goes, so the user may join again), with the `user-unbanned` message and the note; false if none. */
export async function deleteBan(roomId: string, userId: string, message: RoomMessage, note: EventNote): Promise<boolean> {
  const outcome = await transactWriteWithRetry(
    [
      {
        Delete: {
          TableName: tableName,
          Key: keys.roomMember(roomId, userId),
          ConditionExpression: '#status = :banned',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':banned': 'BANNED' },
        },
      },
      { Put: { TableName: tableName, Item: roomMessageCodec.encode(message) } },
      counterUpdate(roomId, randomShard(), { members: 0, messages: 1, now: message.ts }),
      eventNotePut(note),
    ],
    'unban user',
  );
  return outcome.committed;
}

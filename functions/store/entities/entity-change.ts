/**
 * What a committed change of an item means, as the table's stream tells it to the event rules
 * (store/table-changes.ts): each entity module recognizes its own items (`<entity>Change`), so the
 * stream decoder never reads a key prefix itself.
 */
import type { EventNote, MembershipOrigin } from '../../model';
import type { Item } from '../batch';

export interface StreamMember {
  userId: string;
  username: string;
  /** The Rooms user id (QuranReflect groups). */
  userNumber?: number;
  via?: MembershipOrigin;
}

export type EntityChange =
  | { entity: 'room-member'; change: 'insert' | 'remove'; roomId: string; member: StreamMember }
  | { entity: 'group-member'; change: 'insert' | 'remove'; groupId: string; member: StreamMember }
  | { entity: 'berty-member'; change: 'insert' | 'remove'; publicKey: Buffer; member: StreamMember }
  | { entity: 'invitation'; change: 'insert' | 'modify' | 'remove'; byTtl: boolean; before?: Item; after?: Item }
  | { entity: 'invite-link'; change: 'insert' | 'modify' | 'remove'; byTtl: boolean; before?: Item; after?: Item }
  | { entity: 'event-note'; notes: EventNote[] }
  | { entity: 'ignored' }
  | RegisteredEntityChange;

/**
 * A change of an entity a dialect brought with its registration (functions/registry), named
 * `<dialect>:<entity>` so that it never shadows the entities above; its own event rules read it.
 */
export interface RegisteredEntityChange {
  entity: `${string}:${string}`;
  change: 'insert' | 'modify' | 'remove';
  byTtl: boolean;
  before?: Item;
  after?: Item;
}

/** One committed change of one item: its image (the new one, else the old one) and both images. */
export interface ItemChange {
  change: 'insert' | 'modify' | 'remove';
  item: Item;
  before?: Item;
  after?: Item;
  /** DynamoDB's TTL deleted it. */
  byTtl: boolean;
}

/** An entity's recognizer: the change its item made, or undefined for an item of another entity. */
export type ChangeRecognizer = (change: ItemChange) => EntityChange | undefined;

export const keysOf = (item: Item) => ({ pk: String(item.pk ?? ''), sk: String(item.sk ?? '') });

/** A membership is created or removed; a modified one (a role changed) tells nothing. */
export const membershipChange = (change: ItemChange['change']) => (change === 'modify' ? undefined : change);

export const streamMember = (item: Item, user: { _id: string; username: string; userId?: number }): StreamMember => ({
  userId: user._id,
  username: user.username,
  ...(user.userId !== undefined ? { userNumber: user.userId } : {}),
  ...(item.via ? { via: item.via as MembershipOrigin } : {}),
});

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

/** The core's own entity (event notes), an item no one recognizes, or a dialect's entity. */
export type EntityChange = { entity: 'event-note'; notes: EventNote[] } | { entity: 'ignored' } | RegisteredEntityChange;

/**
 * A change of an entity a dialect registered (functions/registry), named `<dialect>:<entity>` so
 * that it never shadows the core's; the dialect's own change types extend it, and its event rule
 * reads them.
 */
export interface RegisteredEntityChange {
  entity: `${string}:${string}`;
}

/** A change that carries both images of the item (for entities where every change counts). */
export interface ImageChange extends RegisteredEntityChange {
  change: 'insert' | 'modify' | 'remove';
  byTtl: boolean;
  before?: Item;
  after?: Item;
}

/** A membership created or removed, with its member. */
export interface MembershipChange extends RegisteredEntityChange {
  change: 'insert' | 'remove';
  member: StreamMember;
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

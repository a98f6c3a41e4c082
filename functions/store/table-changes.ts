/**
 * The table's stream, read as entity changes: which entity an item is (from its keys) and what
 * happened to it. Only the entities that events are made of are decoded; every other item
 * (counters, guards, tokens, rate-limit windows, …) is `ignored`. Lambda's DynamoDB stream event
 * and the DynamoDB Streams API (DynamoDB Local) carry records of the same shape.
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { EventNote, MembershipOrigin } from '../model';
import type { Item } from './batch';
import { keys } from './keys';

/** One stream record, as both sources deliver it (images in DynamoDB JSON). */
export interface StreamRecord {
  eventID?: string;
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE' | string;
  dynamodb?: {
    /** Seconds (Lambda's event) or a Date (the Streams API). */
    ApproximateCreationDateTime?: number | Date;
    NewImage?: Record<string, AttributeValue>;
    OldImage?: Record<string, AttributeValue>;
    SequenceNumber?: string;
  };
  /** Present on deletions made by DynamoDB itself (TTL): type `Service`, principal `dynamodb.amazonaws.com`. */
  userIdentity?: { type?: string; principalId?: string };
}

interface Member {
  userId: string;
  username: string;
  /** The Rooms user id (QuranReflect groups). */
  userNumber?: number;
  via?: MembershipOrigin;
}

export type EntityChange =
  | { entity: 'room-member'; change: 'insert' | 'remove'; roomId: string; member: Member }
  | { entity: 'group-member'; change: 'insert' | 'remove'; groupId: string; member: Member }
  | { entity: 'berty-member'; change: 'insert' | 'remove'; publicKey: Buffer; member: Member }
  | { entity: 'invitation'; change: 'insert' | 'modify' | 'remove'; byTtl: boolean; before?: Item; after?: Item }
  | { entity: 'invite-link'; change: 'insert' | 'modify' | 'remove'; byTtl: boolean; before?: Item; after?: Item }
  | { entity: 'event-note'; notes: EventNote[] }
  | { entity: 'ignored' };

export interface TableChange {
  /** The record's id: stable across redeliveries of the same change. */
  id: string;
  /** When the change was committed, in milliseconds (the stream's approximate time). */
  timeMs: number;
  sequenceNumber?: string;
  change: EntityChange;
}

const CHANGE = { INSERT: 'insert', MODIFY: 'modify', REMOVE: 'remove' } as const;

/** Whether DynamoDB's TTL made this deletion (the stream marks it so). */
const removedByTtl = (record: StreamRecord) =>
  record.userIdentity?.type === 'Service' && record.userIdentity.principalId === 'dynamodb.amazonaws.com';

function timeOf(record: StreamRecord): number {
  const at = record.dynamodb?.ApproximateCreationDateTime;
  if (at instanceof Date) return at.getTime();
  return typeof at === 'number' ? at * 1000 : 0;
}

const memberOf = (item: Item, user: { _id: string; username: string; userId?: number }): Member => ({
  userId: user._id,
  username: user.username,
  ...(user.userId !== undefined ? { userNumber: user.userId } : {}),
  ...(item.via ? { via: item.via as MembershipOrigin } : {}),
});

/** Decodes one stream record; a record of an entity it knows but cannot read throws (the record is retried, then dead-lettered). */
export function decodeStreamRecord(record: StreamRecord): TableChange {
  const change = CHANGE[record.eventName as keyof typeof CHANGE];
  if (!change || !record.eventID) throw new Error(`not a DynamoDB stream record: ${String(record.eventName)}`);
  const before = record.dynamodb?.OldImage ? unmarshall(record.dynamodb.OldImage) : undefined;
  const after = record.dynamodb?.NewImage ? unmarshall(record.dynamodb.NewImage) : undefined;
  const item = after ?? before;
  return {
    id: record.eventID,
    timeMs: timeOf(record),
    sequenceNumber: record.dynamodb?.SequenceNumber,
    change: item ? entityChange(change, item, before, after, removedByTtl(record)) : { entity: 'ignored' },
  };
}

function entityChange(
  change: 'insert' | 'modify' | 'remove',
  item: Item,
  before: Item | undefined,
  after: Item | undefined,
  byTtl: boolean,
): EntityChange {
  const pk = String(item.pk ?? '');
  const sk = String(item.sk ?? '');
  const membership = change === 'modify' ? undefined : change;
  if (pk.startsWith(keys.eventNotePrefix())) {
    if (change !== 'insert') return { entity: 'ignored' };
    // One note, or a list of them (a request that tells of many things: store/event-notes.ts).
    const notes = Array.isArray(item.notes)
      ? (item.notes as EventNote[])
      : [{ type: String(item.type), detail: item.detail as Record<string, unknown> }];
    return { entity: 'event-note', notes };
  }
  if (sk.startsWith(keys.roomMemberPrefix()) && membership) {
    if (pk.startsWith('ROOM#')) {
      const u = item.u as { _id: string; username: string };
      return { entity: 'room-member', change: membership, roomId: String(item.rid), member: memberOf(item, u) };
    }
    if (pk.startsWith('GROUP#')) {
      const user = item.user as { _id: string; username: string; userId?: number };
      return { entity: 'group-member', change: membership, groupId: String(item.groupId), member: memberOf(item, user) };
    }
    if (pk.startsWith(keys.bertyGroupIndexPrefix())) {
      const user = item.user as { _id: string; username: string };
      const publicKey = Buffer.from(pk.slice(keys.bertyGroupIndexPrefix().length), 'base64url');
      return { entity: 'berty-member', change: membership, publicKey, member: memberOf(item, user) };
    }
  }
  if (pk.startsWith('GROUP#') && sk.startsWith(keys.groupInvitationPrefix())) {
    return { entity: 'invitation', change, byTtl, before, after };
  }
  if (pk === keys.inviteLink('').pk && sk.startsWith(keys.inviteLinkPrefix())) {
    return { entity: 'invite-link', change, byTtl, before, after };
  }
  return { entity: 'ignored' };
}

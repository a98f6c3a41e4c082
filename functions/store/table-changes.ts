/**
 * The table's stream, read as entity changes: which entity an item is (from its keys) and what
 * happened to it. Only the entities that events are made of are decoded; every other item
 * (counters, guards, tokens, rate-limit windows, …) is `ignored`. Lambda's DynamoDB stream event
 * and the DynamoDB Streams API (DynamoDB Local) carry records of the same shape.
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { ChangeRecognizer, EntityChange, ItemChange } from './entities/entity-change';
import { eventNoteChange } from './entities/operational';

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

export type {
  ChangeRecognizer,
  EntityChange,
  ImageChange,
  MembershipChange,
  RegisteredEntityChange,
  StreamMember,
} from './entities/entity-change';

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

/**
 * Decodes one stream record with the dialects' recognizers (functions/registry: each dialect's
 * entities say which items are theirs); a record of an entity it knows but cannot read throws
 * (the record is retried, then dead-lettered).
 */
export function decodeStreamRecord(record: StreamRecord, recognizers: readonly ChangeRecognizer[]): TableChange {
  const change = CHANGE[record.eventName as keyof typeof CHANGE];
  if (!change || !record.eventID) throw new Error(`not a DynamoDB stream record: ${String(record.eventName)}`);
  const before = record.dynamodb?.OldImage ? unmarshall(record.dynamodb.OldImage) : undefined;
  const after = record.dynamodb?.NewImage ? unmarshall(record.dynamodb.NewImage) : undefined;
  const item = after ?? before;
  return {
    id: record.eventID,
    timeMs: timeOf(record),
    sequenceNumber: record.dynamodb?.SequenceNumber,
    change: item ? entityChange({ change, item, before, after, byTtl: removedByTtl(record) }, recognizers) : { entity: 'ignored' },
  };
}

/**
 * Each entity recognizes its own items: the event notes here (the core's own), then the dialects'
 * entities; the first that knows the item says what its change means; an item none knows
 * (counters, guards, tokens, rate-limit windows, …) is ignored.
 */
function entityChange(change: ItemChange, recognizers: readonly ChangeRecognizer[]): EntityChange {
  for (const recognize of [eventNoteChange, ...recognizers]) {
    const recognized = recognize(change);
    if (recognized) return recognized;
  }
  return { entity: 'ignored' };
}

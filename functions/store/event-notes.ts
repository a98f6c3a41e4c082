/**
 * Event notes: the transactional outbox for changes whose items cannot tell them (a deleted
 * membership does not say who removed it). Put in the same transaction as the change, so a note
 * exists exactly when the change committed; the stream publishes it; TTL removes it a day later.
 */
import { randomUUID } from 'node:crypto';
import { clock } from '../lib/clock';
import type { EventNote } from '../model';
import type { Item, TransactItem } from './batch';
import { batchPut } from './batch-write';
import { tableName } from './client';
import { keys } from './keys';
import { tableSchema } from './table-schema';

/** How long a note stays: the stream keeps its record 24 hours, so the note has been published by then. */
const NOTE_TTL_SECONDS = 24 * 60 * 60;

export const eventNoteItem = (note: EventNote): Item => ({
  ...keys.eventNote(randomUUID()),
  type: note.type,
  detail: note.detail,
  [tableSchema.ttlAttribute]: clock.nowSeconds() + NOTE_TTL_SECONDS,
});

/** A transaction action that writes a note (its key is new: no condition needed). */
export const eventNotePut = (note: EventNote): TransactItem => ({ Put: { TableName: tableName, Item: eventNoteItem(note) } });

/** Notes that stand alone (no other change to join): written with batch writes, 25 a call, all calls at once. */
export const putEventNotes = (notes: readonly EventNote[]): Promise<void> => batchPut(notes.map(eventNoteItem), Infinity);

/**
 * Event notes: the transactional outbox for changes whose items cannot tell them (a deleted
 * membership does not say who removed it). Put in the same transaction as the change, so a note
 * exists exactly when the change committed; the stream publishes it; TTL removes it a day later.
 */
import { randomUUID } from 'node:crypto';
import { chunk } from '../lib/chunk';
import { clock } from '../lib/clock';
import type { EventNote } from '../model';
import { type Item, type TransactItem, transactWriteWithRetry, unexpectedCancellation } from './batch';
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

/** How many notes one item carries when many are written at once (keeps an item far below 400 KB). */
const NOTES_PER_ITEM = 100;

/**
 * Many notes in few transaction actions: up to NOTES_PER_ITEM per item (a `notes` list), so a
 * request that tells of a thousand things writes them all or none in one transaction.
 */
export const eventNoteListPuts = (notes: readonly EventNote[]): TransactItem[] =>
  chunk([...notes], NOTES_PER_ITEM).map((part) => ({
    Put: {
      TableName: tableName,
      Item: { ...keys.eventNote(randomUUID()), notes: part, [tableSchema.ttlAttribute]: clock.nowSeconds() + NOTE_TTL_SECONDS },
    },
  }));

/** Many notes that stand alone, all or none (one transaction of eventNoteListPuts). */
export async function putEventNoteList(notes: readonly EventNote[], transaction: string): Promise<void> {
  const outcome = await transactWriteWithRetry(eventNoteListPuts(notes), transaction);
  // New keys carry no condition: only an upstream refusal cancels this.
  if (!outcome.committed) throw unexpectedCancellation(transaction, outcome.reasons);
}

/** Notes that stand alone (no other change to join): written with batch writes, 25 a call, all calls at once. */
export const putEventNotes = (notes: readonly EventNote[]): Promise<void> => batchPut(notes.map(eventNoteItem), Infinity);

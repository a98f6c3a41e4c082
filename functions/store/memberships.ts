/**
 * The one membership writer of every dialect: a membership added or removed together with the
 * count it moves (a room's counter shard, a group's or a Berty group's `membersCount`) and, for a
 * removal, the event note that tells who removed whom — in one transaction, under one rule for
 * its outcome (batch.ts transactWriteWithRetry: a failed write is a fault, never an answer).
 */
import type { EventNote } from '../model';
import { deleteIfPresent, type Item, putIfAbsent, type TransactItem, transactWriteWithRetry } from './batch';
import { eventNotePut } from './event-notes';
import type { TableKey } from './table-schema';

/** How a count item is moved by a membership change (its own key, expression and condition). */
export type CountChange = (delta: number) => TransactItem;

export type AddMembershipOutcome = 'added' | 'already-member' | 'count-refused';

/**
 * Adds a membership if absent and counts it; `also` rides in the same transaction (a system
 * message, a link's use). 'count-refused': the count's own condition failed (its item is gone).
 */
export async function addMembership(membership: Item, count: CountChange, also: TransactItem[] = []): Promise<AddMembershipOutcome> {
  const outcome = await transactWriteWithRetry([putIfAbsent(membership), count(1), ...also], 'add member');
  if (outcome.committed) return 'added';
  return outcome.reasons[0] === 'ConditionalCheckFailed' ? 'already-member' : 'count-refused';
}

/** Removes a membership if present, uncounts it and writes its note; false when there was none. */
export async function removeMembership(membership: TableKey, count: CountChange, note: EventNote): Promise<boolean> {
  const outcome = await transactWriteWithRetry([deleteIfPresent(membership), count(-1), eventNotePut(note)], 'remove member');
  return outcome.committed;
}

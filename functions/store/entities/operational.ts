/** Items of the service's own running: event notes (the transactional outbox) and rate-limit windows. */
import { key } from './codec';
import type { EventNote } from '../../model';
import { type ChangeRecognizer, keysOf } from './entity-change';

export const operationalKeys = {
  /** An event note (transactional outbox): written with the change it tells of, gone after a day. */
  eventNote: (id: string) => key(`NOTE#${id}`, 'NOTE'),
  eventNotePrefix: () => 'NOTE#',

  /** One counter per route, subject (client IP or user id) and fixed window. */
  rateLimitWindow: (routeId: string, subject: string, windowStart: number) => key(`RATE#${routeId}#${subject}`, `WINDOW#${windowStart}`),
} as const;

/** The stream's view of an event note (pk NOTE#<id>): its notes once written; its expiry tells nothing. */
export const eventNoteChange: ChangeRecognizer = ({ change, item }) => {
  if (!keysOf(item).pk.startsWith(operationalKeys.eventNotePrefix())) return undefined;
  if (change !== 'insert') return { entity: 'ignored' };
  // One note, or a list of them (a request that tells of many things: store/event-notes.ts).
  const notes = Array.isArray(item.notes)
    ? (item.notes as EventNote[])
    : [{ type: String(item.type), detail: item.detail as Record<string, unknown> }];
  return { entity: 'event-note', notes };
};

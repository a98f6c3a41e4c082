/**
 * The envelope around each event: a stable id (the same change and position always give the same
 * id, so a consumer that gets a copy can drop it), the time the change was committed, the source.
 * Each detail is checked against its catalogue schema: an event that does not match is a bug, and
 * its record is retried and then dead-lettered rather than published malformed.
 */
import { createHash } from 'node:crypto';
import * as z from '../lib/zod';
import { type DerivedEvent, detailSchema, EVENT_SOURCE, type EventEnvelope, isCatalogueType } from './catalogue';

/** The schema of a type's detail: the catalogue's, or a registered dialect's (undefined: a type nobody declared). */
export type DetailSchemaOf = (type: string) => z.ZodMiniType | undefined;

const catalogueSchema: DetailSchemaOf = (type) => (isCatalogueType(type) ? detailSchema(type) : undefined);

/** A UUID-shaped id from the change's id and the event's position among the change's events. */
export function eventId(changeId: string, index: number): string {
  const hex = createHash('sha256').update(`${changeId}#${index}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function envelope(
  change: { id: string; timeMs: number },
  events: readonly DerivedEvent[],
  schemaOf: DetailSchemaOf = catalogueSchema,
): EventEnvelope[] {
  return events.map((event, index) => {
    const schema = schemaOf(event.type);
    if (!schema) throw new Error(`a ${event.type} event has no schema: no catalogue entry and no dialect registered it`);
    const checked = z.safeParse(schema, event.detail);
    if (!checked.success)
      throw new Error(
        `a ${event.type} event does not match its schema: ${checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    return {
      id: eventId(change.id, index),
      time: new Date(change.timeMs).toISOString(),
      source: EVENT_SOURCE,
      'detail-type': event.type,
      detail: checked.data as Record<string, unknown>,
    };
  });
}

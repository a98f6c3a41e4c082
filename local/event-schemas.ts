/**
 * `npm run event-schemas`: writes docs/events/<event type>.json, the JSON Schema of each event's
 * envelope and detail, generated from the zod schemas the stream consumer checks events with
 * (functions/events/catalogue.ts). A unit test keeps the files equal to the code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { envelopeJsonSchema, eventCatalogue, type EventType } from '../functions/events/catalogue';

export const eventSchemaDir = resolve(import.meta.dirname, '../docs/events');

/** `Member Added` → `member-added.json`. */
export const eventSchemaFile = (type: EventType) => `${type.toLowerCase().replace(/ /g, '-')}.json`;

export const eventSchemaText = (type: EventType) => `${JSON.stringify(envelopeJsonSchema(type), null, 2)}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(eventSchemaDir, { recursive: true });
  for (const type of Object.keys(eventCatalogue) as EventType[]) {
    writeFileSync(resolve(eventSchemaDir, eventSchemaFile(type)), eventSchemaText(type));
    console.log(`docs/events/${eventSchemaFile(type)}`);
  }
}

/**
 * `npm run event-schemas`: writes docs/events/<event type>.json, the JSON Schema of each event's
 * envelope and detail, generated from the zod schemas the stream consumer checks events with: the
 * catalogue's (functions/events/catalogue.ts) and those the registered dialects declare. A unit
 * test keeps the files equal to the code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { envelopeJsonSchema, eventCatalogue } from '../functions/events/catalogue';
import { eventSchemaOf, registeredDialects } from '../functions/registry';

export const eventSchemaDir = resolve(import.meta.dirname, '../docs/events');

/** Every event type: the catalogue's, then each registered dialect's own. */
export const eventTypes = (): string[] => [
  ...Object.keys(eventCatalogue),
  ...registeredDialects().flatMap((module) => Object.keys(module.eventTypes ?? {})),
];

/** `Member Added` → `member-added.json`. */
export const eventSchemaFile = (type: string) => `${type.toLowerCase().replace(/ /g, '-')}.json`;

export const eventSchemaText = (type: string) => `${JSON.stringify(envelopeJsonSchema(type, eventSchemaOf(type)), null, 2)}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(eventSchemaDir, { recursive: true });
  for (const type of eventTypes()) {
    writeFileSync(resolve(eventSchemaDir, eventSchemaFile(type)), eventSchemaText(type));
    console.log(`docs/events/${eventSchemaFile(type)}`);
  }
}

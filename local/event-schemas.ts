/**
 * `npm run event-schemas`: writes docs/events/<event type>.json, the JSON Schema of each event's
 * envelope and detail, generated from the zod schemas the stream consumer checks events with: the
 * catalogue's (functions/events/catalogue.ts) and those the registered dialects declare; and
 * docs/webhooks/<webhook type>.json, the body of each webhook (`{type, timestamp, data}`, the
 * detail without its secrets: functions/webhooks/webhook-payloads.ts). A unit test keeps the files
 * equal to the code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { envelopeJsonSchema, eventCatalogue } from '../functions/events/catalogue';
import * as z from '../functions/lib/zod';
import { eventSchemaOf, registeredDialects } from '../functions/registry';
import { testWebhookJsonSchema, webhookJsonSchema, webhookType } from '../functions/webhooks/webhook-payloads';

export const eventSchemaDir = resolve(import.meta.dirname, '../docs/events');

/** Every event type: the catalogue's, then each registered dialect's own. */
export const eventTypes = (): string[] => [
  ...Object.keys(eventCatalogue),
  ...registeredDialects().flatMap((module) => Object.keys(module.eventTypes ?? {})),
];

/** `Member Added` → `member-added.json`. */
export const eventSchemaFile = (type: string) => `${type.toLowerCase().replace(/ /g, '-')}.json`;

export const eventSchemaText = (type: string) => `${JSON.stringify(envelopeJsonSchema(type, eventSchemaOf(type)), null, 2)}\n`;

export const webhookSchemaDir = resolve(import.meta.dirname, '../docs/webhooks');

/** Every webhook type: each event type's, and the operator's test. */
export const webhookTypes = (): string[] => [...eventTypes().map(webhookType), 'webhook.test'];

/** `member.added` → `member.added.json`. */
export const webhookSchemaFile = (type: string) => `${type}.json`;

export function webhookSchemaText(type: string): string {
  const eventType = eventTypes().find((candidate) => webhookType(candidate) === type);
  const schema = eventType
    ? webhookJsonSchema(eventType, z.toJSONSchema(eventSchemaOf(eventType)!) as Record<string, unknown>)
    : testWebhookJsonSchema();
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(eventSchemaDir, { recursive: true });
  for (const type of eventTypes()) {
    writeFileSync(resolve(eventSchemaDir, eventSchemaFile(type)), eventSchemaText(type));
    console.log(`docs/events/${eventSchemaFile(type)}`);
  }
  mkdirSync(webhookSchemaDir, { recursive: true });
  for (const type of webhookTypes()) {
    writeFileSync(resolve(webhookSchemaDir, webhookSchemaFile(type)), webhookSchemaText(type));
    console.log(`docs/webhooks/${webhookSchemaFile(type)}`);
  }
}

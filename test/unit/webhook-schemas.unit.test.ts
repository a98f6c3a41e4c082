/** docs/webhooks/*.json, each webhook's body, are generated from the events' zod schemas (`npm run event-schemas`) and kept equal to them. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { webhookSchemaDir, webhookSchemaFile, webhookSchemaText, webhookTypes } from '../../local/event-schemas';

const types = webhookTypes();

describe('webhook payload schemas', () => {
  test.each(types)('%s: docs/webhooks holds its current JSON Schema', (type) => {
    const file = resolve(webhookSchemaDir, webhookSchemaFile(type));
    expect(existsSync(file), 'run npm run event-schemas').toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(webhookSchemaText(type));
  });

  test('no schema file is left for a type the code no longer has; docs/webhooks.md links each', () => {
    expect(readdirSync(webhookSchemaDir).sort()).toEqual(types.map(webhookSchemaFile).sort());
    const page = readFileSync(resolve(import.meta.dirname, '../../docs/webhooks.md'), 'utf8');
    for (const type of types) expect(page, type).toContain(`(webhooks/${webhookSchemaFile(type)})`);
  });

  test('no secret field is in any payload schema: a token, an accept or reject link', () => {
    for (const type of types) {
      const text = webhookSchemaText(type);
      for (const field of ['"token"', '"acceptUrl"', '"rejectUrl"']) expect(text, `${type} ${field}`).not.toContain(field);
    }
    // What makes that test able to fail: the event schemas do hold them.
    expect(readFileSync(resolve(import.meta.dirname, '../../docs/events/invitation-created.json'), 'utf8')).toContain('"acceptUrl"');
  });
});

/** docs/events/*.json are generated from the catalogue's and the registered dialects' zod schemas: `npm run event-schemas` keeps them equal. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { eventSchemaDir, eventSchemaFile, eventSchemaText, eventTypes } from '../../local/event-schemas';

const types = eventTypes();

describe('event catalogue', () => {
  test.each(types)('%s: docs/events holds its current JSON Schema', (type) => {
    const file = resolve(eventSchemaDir, eventSchemaFile(type));
    expect(existsSync(file), 'run npm run event-schemas').toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(eventSchemaText(type));
  });

  test('no schema file is left for a type the code no longer has', () => {
    expect(readdirSync(eventSchemaDir).sort()).toEqual(types.map(eventSchemaFile).sort());
  });

  test('docs/events.md links every event schema', () => {
    const page = readFileSync(resolve(import.meta.dirname, '../../docs/events.md'), 'utf8');
    for (const type of types) expect(page, type).toContain(`(events/${eventSchemaFile(type)})`);
  });
});

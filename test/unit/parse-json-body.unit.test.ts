/** The body parser on its own: the dialect's rules, sizes, forms, and messages that never quote the body. */
import { describe, expect, test } from 'vitest';
import { parseJsonBody } from '../../functions/middleware/parse-json-body';

const run = async (rules: Parameters<typeof parseJsonBody>[0], event: Record<string, unknown>) => {
  const request = { event: { headers: {}, ...event }, context: {} } as any;
  await parseJsonBody(rules).before!(request);
  return request.context.body;
};

describe('parseJsonBody', () => {
  test('JSON whatever the content type; an empty body as the dialect says', async () => {
    expect(await run({ emptyBody: 'undefined' }, { body: '{"a":[1]}' })).toEqual({ a: [1] });
    expect(await run({ emptyBody: 'undefined' }, { body: '  ' })).toBeUndefined();
    expect(await run({ emptyBody: 'empty-object' }, {})).toEqual({});
    expect(await run({ emptyBody: 'undefined' }, { body: Buffer.from('{"b":2}').toString('base64'), isBase64Encoded: true })).toEqual({
      b: 2,
    });
  });

  test('forms only where the dialect takes them: a[] and repeated keys make arrays, no prototype', async () => {
    const form = {
      body: 'userIds[]=a&userIds[]=b&roomId=r&x=1&x=2&__proto__=p',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
    const body = await run({ emptyBody: 'undefined', forms: true }, form);
    expect({ ...body }).toEqual({ userIds: ['a', 'b'], roomId: 'r', x: ['1', '2'], ['__proto__']: 'p' });
    expect(Object.getPrototypeOf(body)).toBeNull();
    await expect(run({ emptyBody: 'undefined' }, form)).rejects.toMatchObject({ kind: 'invalid_request' });
  });

  test('too large: refused before parsing, in bytes; malformed: a position at most, never the body', async () => {
    await expect(run({ emptyBody: 'undefined', maxBytes: 8 }, { body: '"ééééé"' })).rejects.toMatchObject({
      kind: 'invalid_request',
      code: 'error-body-too-large',
    });
    const refusal = await run({ emptyBody: 'undefined' }, { body: '{"secret": "hunter2' }).catch((error: Error) => error);
    expect((refusal as Error).message).toMatch(/^The request body is not valid JSON( \(at position \d+\))?$/);
    expect((refusal as Error).message).not.toContain('hunter2');
  });
});

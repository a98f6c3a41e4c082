/** Input validation on its own: the whole {path, query, body} against the schema, refusals by the dialect's handler. */
import { expect, test } from 'vitest';
import { ServiceError } from '../../functions/errors';
import * as z from '../../functions/lib/zod';
import { validateInput } from '../../functions/middleware/validate-input';

const schema = z.object({
  path: z.object({ id: z.string().check(z.regex(/^\d+$/)) }),
  query: z.object({ n: z.optional(z.string()) }),
  body: z.object({ a: z.number() }),
});

test('a valid input lands typed on context.input; an invalid one goes to the handler with its issues and the raw input', async () => {
  const seen: unknown[] = [];
  const middleware = validateInput(schema, (issues, raw) => {
    seen.push({ paths: issues.map((issue) => issue.path.join('.')), raw });
    return new ServiceError('invalid_request', 'refused');
  });
  const ok = { event: { pathParameters: { id: '7' } }, context: { body: { a: 1 } } } as any;
  await middleware.before!(ok);
  expect(ok.context.input).toEqual({ path: { id: '7' }, query: {}, body: { a: 1 } });
  const bad = { event: { pathParameters: { id: 'x' }, queryStringParameters: { n: 'y' } }, context: { body: { a: 'one' } } } as any;
  await expect(middleware.before!(bad)).rejects.toMatchObject({ message: 'refused' });
  expect(seen).toEqual([{ paths: ['path.id', 'body.a'], raw: { path: { id: 'x' }, query: { n: 'y' }, body: { a: 'one' } } }]);
  expect(bad.context.input).toBeUndefined();
});

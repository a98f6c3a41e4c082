/** docs/openapi.json is the document generated from the route table and schemas, and a valid OpenAPI 3.1 one. */
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, test } from 'vitest';
import { routes } from '../../functions/routes';
import { buildOpenApi, openApiFile } from '../../local/openapi';

const committed = JSON.parse(readFileSync(openApiFile, 'utf8'));

describe('OpenAPI document', () => {
  test('docs/openapi.json is current (npm run openapi)', async () => {
    expect(committed).toEqual(await buildOpenApi());
  });

  test('a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(committed);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
  });

  test('every route, with its credentials, its envelope on errors and its example body', () => {
    for (const route of routes) {
      const operation = committed.paths[route.path][route.method.toLowerCase()];
      expect(operation.operationId).toBe(route.id);
      expect(operation.responses['4XX'].$ref).toBe(`#/components/responses/${route.dialect.name}Error`);
      expect(operation.security.length).toBe(route.anonymous ? 0 : 1);
      if (Object.keys(route.exampleBody).length > 0)
        expect(operation.requestBody.content['application/json'].example, route.id).toBeDefined();
    }
    const invite = committed.paths['/v1/rooms/{id}/invite'].post;
    expect(invite.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{1,15}$' }, example: '<groupId>' },
    ]);
    expect(invite.requestBody.content['application/json'].schema.properties.emails.items.format).toBe('email');
    expect(committed.paths['/v1/rooms/{id}/members'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual([
      'path:id',
      'query:limit',
      'query:page',
    ]);
  });
});

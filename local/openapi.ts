/**
 * The OpenAPI 3.1 document, generated from the route contracts, their zod schemas (zod's own
 * JSON Schema output) and each dialect's credentials and error envelope. `npm run openapi` writes
 * docs/openapi.json (a unit test keeps it equal and validates it); `npm start` serves it at
 * /openapi.json and renders it at /docs.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { toJSONSchema, type $ZodType } from 'zod/v4/core';
import { type Route, routes } from '../functions/routes';
import { hasBody } from './demo-requests';

type JsonSchema = Record<string, any>;

export const openApiFile = resolve(import.meta.dirname, '../docs/openapi.json');

const jsonSchemaOf = (schema: $ZodType, io: 'input' | 'output' = 'input'): JsonSchema => {
  const { $schema: _dialect, ...rest } = toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return rest;
};

/** Example values for the route table's `{{placeholders}}`: `<name>` (filled with the demo values when served locally). */
const example = (value: unknown): unknown =>
  JSON.parse(
    JSON.stringify(value)
      .replace(/"\{\{#\w+\}\}"/g, '1')
      .replace(/\{\{(\w+)\}\}/g, '<$1>'),
  );

/** A path or query parameter's example, taken from the route's example path and query. */
function parameterExample(route: Route, where: 'path' | 'query', name: string): unknown {
  if (where === 'query') return new URLSearchParams(route.exampleQuery ?? '').get(name) ?? undefined;
  const at = route.path.split('/').indexOf(`{${name}}`);
  return (route.examplePath ?? route.path.replace(/\{(\w+)\}/g, '{{$1}}')).split('/')[at];
}

async function operation(route: Route) {
  const input = jsonSchemaOf(route.input);
  const part = (name: 'path' | 'query' | 'body'): JsonSchema | undefined => input.properties?.[name];
  const parameters = (['path', 'query'] as const).flatMap((where) => {
    const schema = part(where);
    return Object.entries((schema?.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => {
      const value = parameterExample(route, where, name);
      return {
        name,
        in: where,
        required: where === 'path' || (schema?.required ?? []).includes(name),
        schema: property,
        ...(value === undefined ? {} : { example: example(value) }),
      };
    });
  });
  const dialect = route.dialect;
  const body = part('body');
  return {
    operationId: route.id,
    summary: route.summary,
    tags: [route.dialect.name],
    security: route.anonymous ? [] : [Object.fromEntries(Object.keys(dialect.docs.securitySchemes).map((name) => [name, []]))],
    ...(parameters.length ? { parameters } : {}),
    ...(hasBody(route) && body
      ? { requestBody: { required: true, content: { 'application/json': { schema: body, example: example(route.exampleBody) } } } }
      : {}),
    responses: {
      [route.path === '/v1/rooms/groups' ? '201' : '200']: {
        description: "Success, in the API's own envelope",
        content: { 'application/json': { schema: route.output ? jsonSchemaOf(route.output, 'output') : {} } },
      },
      '4XX': { $ref: `#/components/responses/${route.dialect.name}Error` },
      '5XX': { $ref: `#/components/responses/${route.dialect.name}Error` },
    },
    'x-rate-limit': route.rateLimit,
  };
}

export async function buildOpenApi() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method.toLowerCase()] = await operation(route);
  const dialects = [...new Set(routes.map((route) => route.dialect))];
  return {
    openapi: '3.1.0',
    info: {
      title: 'invites',
      version: '0.1.0',
      description: 'Invitations into groups and channels, speaking the Rocket.Chat, QuranReflect (Groups and Rooms) and Berty APIs.',
    },
    tags: dialects.map((dialect) => ({ name: dialect.name })),
    paths,
    components: {
      securitySchemes: Object.assign({}, ...dialects.map((dialect) => dialect.docs.securitySchemes)),
      responses: Object.fromEntries(
        dialects.map((dialect) => [
          `${dialect.name}Error`,
          {
            description: `An error in the ${dialect.name} envelope`,
            content: { 'application/json': { schema: dialect.docs.error.schema, example: dialect.docs.error.example } },
          },
        ]),
      ),
    },
  };
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { useLocalDynamoDb } = await import('./environment');
  useLocalDynamoDb({ endpoint: 'http://127.0.0.1:1' }); // handlers build their DynamoDB client at import; nothing is called
  writeFileSync(openApiFile, `${JSON.stringify(await buildOpenApi(), null, 2)}\n`);
  console.log(`wrote ${openApiFile}`);
}

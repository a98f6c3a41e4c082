/**
 * CloudFormation's limits as the route table grows (issue 28): a stack may hold 500 resources, 200
 * parameters and 200 outputs, and a template uploaded through S3 may be 1 MB. The service must stay
 * well inside them at 100 routes: every stack (the stage's and each route group's) under 250
 * resources and every template under the size limit.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROUTES_PER_GROUP } from '../../infra/route-group';
import { type Route, routes } from '../../functions/routes';
import { nestedStacksOf } from '../../local/synthesized/template';
import { synthesizeStage } from '../support/flat-template';

const RESOURCE_BUDGET = 250;
const TEMPLATE_BYTES_LIMIT = 1_000_000;
const PARAMETER_LIMIT = 200;
const OUTPUT_LIMIT = 200;

/** `count` routes made from the table's rows in turn, each with an id and a path of its own. */
function generatedRoutes(count: number): Route[] {
  return Array.from({ length: count }, (_, index) => {
    const row = routes[index % routes.length]!;
    return { ...row, id: `${row.id}-g${index}`, path: `${row.path}/g${index}` };
  });
}

interface StackFigures {
  name: string;
  resources: number;
  parameters: number;
  outputs: number;
  bytes: number;
}

/** Each template of the synthesized stage: the stack's own and its nested stacks'. */
function stackFigures(routeTable: Route[]): StackFigures[] {
  const { assembly } = synthesizeStage('Limits', {
    stage: 'limits',
    routes: routeTable,
    senderEmail: 'invites@example.com',
    alarmEmail: 'ops@example.com',
  });
  const files = [
    resolve(assembly.directory, 'Limits.template.json'),
    ...nestedStacksOf(assembly.directory, 'Limits').map((nested) => nested.templateFile),
  ];
  return files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const template = JSON.parse(text);
    return {
      name: file.split('/').pop()!,
      resources: Object.keys(template.Resources ?? {}).length,
      parameters: Object.keys(template.Parameters ?? {}).length,
      outputs: Object.keys(template.Outputs ?? {}).length,
      // What CloudFormation receives: the template minified.
      bytes: Buffer.byteLength(JSON.stringify(template)),
    };
  });
}

describe.each([
  ['the route table', routes.length],
  ['100 generated routes', 100],
])('%s', (_label, count) => {
  const table = count === routes.length ? [...routes] : generatedRoutes(count);
  const figures = stackFigures(table);

  test(`every stack holds under ${RESOURCE_BUDGET} resources; every template is inside CloudFormation's limits`, () => {
    console.log(
      `${count} routes: ${figures.map((f) => `${f.name.replace(/\.(nested\.)?template\.json$/, '')} ${f.resources} resources, ${(f.bytes / 1024).toFixed(0)} KB`).join('; ')}`,
    );
    for (const stack of figures) {
      expect(stack.resources, stack.name).toBeLessThan(RESOURCE_BUDGET);
      expect(stack.bytes, stack.name).toBeLessThan(TEMPLATE_BYTES_LIMIT);
      expect(stack.parameters, stack.name).toBeLessThanOrEqual(PARAMETER_LIMIT);
      expect(stack.outputs, stack.name).toBeLessThanOrEqual(OUTPUT_LIMIT);
    }
  });

  test('one nested stack per ten routes of a dialect, each route in exactly one', () => {
    const dialects = new Map<string, number>();
    for (const route of table) dialects.set(route.dialect.name, (dialects.get(route.dialect.name) ?? 0) + 1);
    const groups = [...dialects.values()].reduce((sum, n) => sum + Math.ceil(n / ROUTES_PER_GROUP), 0);
    expect(figures).toHaveLength(1 + groups);
  });
});

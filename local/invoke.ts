/**
 * `npm run invoke -- <route-id> <event.json>`: runs one route's handler in-process, as Lambda
 * would, against the local table (DYNAMODB_ENDPOINT, default 127.0.0.1:$DYNAMODB_PORT), and prints
 * its result. `{{name}}` placeholders in the event are filled from .local/demo-vars.json, which
 * `npm start` writes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findRoute } from '../functions/routes';
import { buildContext } from './api-gateway-event';
import { fill } from './placeholders';
import { useLocalDynamoDb } from './environment';
import { loadHandler } from './handlers';

export const demoVarsFile = resolve(import.meta.dirname, '../.local/demo-vars.json');

async function main() {
  const [routeId, eventFile] = process.argv.slice(2);
  if (!routeId || !eventFile) throw new Error('usage: npm run invoke -- <route-id> <event.json>');
  const route = findRoute(routeId);
  useLocalDynamoDb();
  const vars = existsSync(demoVarsFile) ? JSON.parse(readFileSync(demoVarsFile, 'utf8')) : {};
  const event = fill(JSON.parse(readFileSync(resolve(eventFile), 'utf8')), vars);
  const handler = await loadHandler(route);
  const result = await handler(event, buildContext(route));
  console.log(JSON.stringify(result, null, 2));
}

main().catch((error: unknown) => {
  console.error((error as Error).message ?? error);
  process.exit(1);
});

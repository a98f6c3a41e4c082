/**
 * `npm run invoke -- <route-id> <event.json>`: runs one route's handler in-process, as Lambda
 * would, against the running `npm start`'s table (found from its state file; or DYNAMODB_ENDPOINT
 * + TABLE_NAME), and prints its result; exits 1 on a 5xx. `{{name}}` placeholders in the event
 * are filled from `<state dir>/demo-vars.json`, which `npm start` writes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildContext } from './api-gateway-event';
import { fill } from './placeholders';
import { useRunningDynamoDb } from './environment';
import { loadHandler } from './handlers';
import { statePath } from './state';

async function main() {
  const [routeId, eventFile] = process.argv.slice(2);
  if (!routeId || !eventFile) throw new Error('usage: npm run invoke -- <route-id> <event.json>');
  // The environment first: the store, which the route table loads, reads it at import.
  useRunningDynamoDb('invoke');
  const { findRoute } = await import('../functions/routes');
  const route = findRoute(routeId);
  const demoVarsFile = statePath('demo-vars.json');
  const vars = existsSync(demoVarsFile) ? JSON.parse(readFileSync(demoVarsFile, 'utf8')) : {};
  const event = fill(JSON.parse(readFileSync(resolve(eventFile), 'utf8')), vars);
  const handler = await loadHandler(route);
  const result = await handler(event, buildContext(route));
  console.log(JSON.stringify(result, null, 2));
  // A server-side failure is a failed invocation, as `sam local invoke` would show it.
  if ((result.statusCode ?? 200) >= 500) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error((error as Error).message ?? error);
  process.exit(1);
});

/**
 * `npm run events`: writes events/<route-id>.json, an API Gateway HTTP API event per route of the
 * route table, for `npm run invoke` and `sam local invoke`. `{{name}}` placeholders stand for
 * demo ids and tokens (npm start prints them and saves them to .local/demo-vars.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { routes } from '../functions/routes';
import { buildEvent, matchPath } from './api-gateway-event';
import { authHeaders, examplePath, hasBody } from './demo-requests';

const eventsDir = resolve(import.meta.dirname, '../events');

export function sampleEvent(route: (typeof routes)[number]) {
  const path = examplePath(route);
  const params = matchPath(route.path, path) ?? {};
  const event = buildEvent(
    route,
    {
      method: route.method,
      path,
      rawQueryString: route.exampleQuery,
      headers: {
        ...authHeaders(route),
        ...(hasBody(route) ? { 'content-type': 'application/json' } : {}),
        'user-agent': 'sample-event',
      },
      body: hasBody(route) ? JSON.stringify(route.exampleBody) : undefined,
      sourceIp: '127.0.0.1',
    },
    params,
  );
  // Fixed values keep the files stable between runs.
  event.requestContext.requestId = 'sample-request-id';
  event.requestContext.time = '01/Jan/2026:00:00:00 +0000';
  event.requestContext.timeEpoch = 1767225600000;
  return event;
}

export function writeEvents() {
  mkdirSync(eventsDir, { recursive: true });
  for (const route of routes) {
    writeFileSync(resolve(eventsDir, `${route.id}.json`), `${JSON.stringify(sampleEvent(route), null, 2)}\n`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  writeEvents();
  console.log(`wrote ${routes.length} event(s) to events/`);
}

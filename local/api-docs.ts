/**
 * The API's description for people: `GET /openapi.json` (docs/openapi.json, its examples' `<name>`
 * placeholders filled with the running service's demo values) and `GET /docs`, a Swagger UI page
 * whose assets come from the swagger-ui-dist package in node_modules (no CDN).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { openApiFile } from './openapi';
import type { Placeholders } from './placeholders';
import { statePath } from './state';

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSETS: Record<string, string> = {
  '/docs/swagger-ui.css': 'text/css',
  '/docs/swagger-ui-bundle.js': 'text/javascript',
};

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>invites API</title><link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;
const INIT = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui', deepLinking: true });\n`;

/** The document with every `example`'s `<name>` replaced by the demo value of that name (others kept). */
export function withDemoExamples(document: unknown, demo: Placeholders): unknown {
  const fillIn = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.replace(/<(\w+)>/g, (whole, name: string) => demo[name] ?? whole)
      : Array.isArray(value)
        ? value.map(fillIn)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, fillIn(inner)]))
          : value;
  const walk = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(walk)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, key === 'example' ? fillIn(inner) : walk(inner)]))
        : value;
  return walk(document);
}

/** docs/openapi.json, with the demo values `npm start` wrote when there are any. */
async function servedOpenApi(): Promise<string | Buffer> {
  const document = await readFile(openApiFile);
  const demoVars = statePath('demo-vars.json');
  if (!existsSync(demoVars)) return document;
  const demo = JSON.parse(await readFile(demoVars, 'utf8')) as Placeholders;
  return JSON.stringify(withDemoExamples(JSON.parse(document.toString('utf8')), demo));
}

/** The response for a docs path, or undefined for any other path. */
export async function apiDocs(method: string, path: string): Promise<{ type: string; body: string | Buffer } | undefined> {
  // HEAD as GET (the server sends no body): a link checker or `curl -I` gets the page's headers.
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (path === '/openapi.json') return { type: 'application/json', body: await servedOpenApi() };
  if (path === '/docs' || path === '/docs/') return { type: 'text/html; charset=utf-8', body: PAGE };
  if (path === '/docs/init.js') return { type: 'text/javascript', body: INIT };
  const type = ASSETS[path];
  return type ? { type, body: await readFile(join(swaggerDir, path.slice('/docs/'.length))) } : undefined;
}

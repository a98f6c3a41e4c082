/**
 * The API's description for people: `GET /openapi.json` (docs/openapi.json) and `GET /docs`, a
 * Swagger UI page whose assets come from the swagger-ui-dist package in node_modules (no CDN).
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { openApiFile } from './openapi';

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

/** The response for a docs path, or undefined for any other path. */
export async function apiDocs(method: string, path: string): Promise<{ type: string; body: string | Buffer } | undefined> {
  // HEAD as GET (the server sends no body): a link checker or `curl -I` gets the page's headers.
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (path === '/openapi.json') return { type: 'application/json', body: await readFile(openApiFile) };
  if (path === '/docs' || path === '/docs/') return { type: 'text/html; charset=utf-8', body: PAGE };
  if (path === '/docs/init.js') return { type: 'text/javascript', body: INIT };
  const type = ASSETS[path];
  return type ? { type, body: await readFile(join(swaggerDir, path.slice('/docs/'.length))) } : undefined;
}

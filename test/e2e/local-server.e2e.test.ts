/** `npm start` itself: what it prints, how it answers unknown routes, and its Java check. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, inject, test } from 'vitest';
import { routes } from '../../functions/routes';
import { withDemoExamples } from '../../local/api-docs';
import { statePath } from '../../local/state';
import { request } from '../support/http';

const root = resolve(import.meta.dirname, '../..');

describe('npm start', () => {
  test('prints the URL, the demo tokens and a curl line per route, and the printed curl works', async () => {
    const output = inject('startOutput');
    expect(output).toContain(`invites API listening on ${process.env.API_URL}`);
    expect(output).toMatch(/admin +_id=\w{17} userId=\d+ roles=admin authToken=\w{17}\.[\w-]{43}/);
    for (const route of routes) expect(output).toContain(`# ${route.summary}`);

    const curl =
      /curl -s -X POST '([^']+)' -H 'X-Auth-Token: ([^']+)' -H 'X-User-Id: ([^']+)' -H 'Content-Type: application\/json' -d '([^']+)'/.exec(
        output,
      );
    expect(curl).not.toBeNull();
    const [, url, token, userId, body] = curl!;
    const response = await fetch(url!, {
      method: 'POST',
      headers: { 'X-Auth-Token': token!, 'X-User-Id': userId!, 'Content-Type': 'application/json' },
      body: body!,
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { channel: { name: string } }).channel.name).toBe('general');
  });

  test('unknown routes and methods answer as API Gateway does', async () => {
    expect(await request('GET', '/api/v1/channels.invite')).toMatchObject({ status: 404, json: { message: 'Not Found' } });
    expect(await request('POST', '/nope')).toMatchObject({ status: 404, json: { message: 'Not Found' } });
  });

  test('without Java it fails fast and says what to install', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
      cwd: root,
      env: { ...process.env, PATH: '/nonexistent', PORT: '0', DYNAMODB_PORT: '0', DYNAMODB_ENDPOINT: '' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DynamoDB Local needs a Java runtime');
    expect(result.stderr).toContain('openjdk-17-jre-headless');
  }, 30_000);
});

describe('API description', () => {
  test('GET /openapi.json is docs/openapi.json with the demo values in its examples; GET /docs is a Swagger UI page with its assets served locally', async () => {
    const { readFileSync } = await import('node:fs');
    const spec = await request('GET', '/openapi.json');
    expect(spec.status).toBe(200);
    const file = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    const demo = JSON.parse(readFileSync(statePath('demo-vars.json'), 'utf8')) as Record<string, string>;
    expect(spec.json).toEqual(withDemoExamples(file, demo));
    // The file holds placeholders; the page a developer opens holds the ids the service seeded.
    const example = (document: any) => document.paths['/api/v1/channels.invite'].post.requestBody.content['application/json'].example;
    expect(example(file)).toEqual({ roomId: '<channelId>', userIds: ['<bobId>'] });
    expect(example(spec.json)).toEqual({ roomId: demo.channelId, userIds: [demo.bobId] });
    const tokenParameter = (document: any) =>
      document.paths['/v1/rooms/{id}/accept-invite'].get.parameters.find((parameter: { name: string }) => parameter.name === 'token')
        .example;
    expect(tokenParameter(file)).toBe('<bobInvitationToken>');
    expect(tokenParameter(spec.json)).toBe(demo.bobInvitationToken);
    expect(JSON.stringify(spec.json)).not.toMatch(/"example": ?"<\w+>"/);
    const page = await request('GET', '/docs');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toContain('<script src="/docs/swagger-ui-bundle.js"></script>');
    expect(page.text).not.toMatch(/https?:\/\//); // nothing from a CDN
    for (const asset of ['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/init.js']) {
      const response = await request('GET', asset);
      expect(response.status, asset).toBe(200);
      expect(response.text.length, asset).toBeGreaterThan(asset === '/docs/init.js' ? 10 : 10_000);
    }
  });
});

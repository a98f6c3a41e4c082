/**
 * `npm run webhook-listen` as a developer runs it beside the running service: it registers itself
 * as an endpoint, prints each delivery verified by `standardwebhooks`, refuses one whose signature
 * does not match, and deletes its endpoint on Ctrl-C (SIGINT).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { addOperatorKey } from '../../functions/dialects/webhooks/admin';
import { freePort } from '../support/free-port';
import { request } from '../support/http';
import { waitUntil } from '../support/webhook-receiver';

const root = resolve(import.meta.dirname, '../..');
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

test('registers itself, prints a verified delivery, refuses a forged one, deletes its endpoint on Ctrl-C', {
  timeout: 60_000,
}, async () => {
  const port = await freePort();
  let output = '';
  // The shared service's state folder (INVITES_STATE_DIR) tells it where the table and the queue are.
  child = spawn(process.execPath, ['--import', 'tsx', 'local/webhook-listen.ts', '--port', String(port)], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
  await waitUntil(() => output.includes('as webhook endpoint') || child!.exitCode !== null, 'webhook-listen to start', 30_000);
  expect(output).toContain('as webhook endpoint');
  const endpointId = /as webhook endpoint (ep_\w+)/.exec(output)![1]!;
  const operator = { Authorization: `Bearer ${(await addOperatorKey({ name: 'listen-test' })).operatorKey}` };

  const sent = await request('POST', `/webhooks/v1/endpoints/${endpointId}/test`, { headers: operator });
  expect(sent.status).toBe(200);
  await waitUntil(() => output.includes(`webhook.test  webhook-id=${sent.json.eventId}  verified ✓ → 204`), 'the test event');

  const forged = await fetch(`http://127.0.0.1:${port}/`, {
    method: 'POST',
    headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' },
    body: '{"type":"member.added"}',
  });
  expect(forged.status).toBe(400);
  await waitUntil(() => output.includes('signature NOT verified'), 'the refusal printed');

  const exited = new Promise((done) => child!.once('exit', done));
  child.kill('SIGINT');
  await exited;
  const gone = await request('GET', `/webhooks/v1/endpoints/${endpointId}`, { headers: operator });
  expect(gone.status).toBe(404);
});

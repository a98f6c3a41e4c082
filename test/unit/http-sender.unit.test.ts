/**
 * One webhook try over HTTP (webhooks/http-sender.ts) against real local servers: no connection to
 * an address that is not public (a name resolving to one is refused at send time, before any
 * connection), no redirect followed, at most 64 KB of the answer read, cut at the deadline.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { httpSender, MAX_RESPONSE_BYTES, SEND_TIMEOUT_MS } from '../../functions/webhooks/http-sender';

let server: Server;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(request.url ?? '');
    if (request.url === '/redirect') return response.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` }).end();
    if (request.url === '/big') return response.writeHead(200).end(Buffer.alloc(MAX_RESPONSE_BYTES * 4, 'x'));
    if (request.url === '/hang') return;
    response.writeHead(503, { 'retry-after': '30' }).end('busy');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('no request to a private address', () => {
  test.each(['127.0.0.1', '10.0.0.1', '169.254.169.254', '::1', '100.64.0.1', 'fd00::1', '::ffff:127.0.0.1'])(
    'a public-looking name resolving to %s is refused before any connection',
    async (address) => {
      const before = hits.length;
      const sender = httpSender({ resolve: async () => [address] });
      const result = await sender.post(`https://hooks.example.com:${port}/x`, {}, '{}');
      expect(result).toMatchObject({ kind: 'refused', response: expect.stringContaining('non-public address') });
      expect(hits.length).toBe(before);
    },
  );

  test('http is refused unless the local flag allows http://127.0.0.1; the 15 s deadline is the default', async () => {
    expect(await httpSender().post(`http://127.0.0.1:${port}/x`, {}, '{}')).toMatchObject({ kind: 'refused' });
    expect(SEND_TIMEOUT_MS).toBe(15_000);
  });
});

describe('what an answer is', () => {
  const local = httpSender({ allowLocalHttp: true });

  test('a redirect is an answer (302), never followed', async () => {
    const before = hits.length;
    expect(await local.post(`http://127.0.0.1:${port}/redirect`, {}, '{}')).toMatchObject({ kind: 'answered', status: 302 });
    expect(hits.slice(before)).toEqual(['/redirect']);
  });

  test('Retry-After is read; at most 64 KB of a body', async () => {
    expect(await local.post(`http://127.0.0.1:${port}/busy`, {}, '{}')).toMatchObject({ status: 503, retryAfter: '30', response: 'busy' });
    const big = await local.post(`http://127.0.0.1:${port}/big`, {}, '{}');
    expect(big).toMatchObject({ kind: 'answered', status: 200 });
    expect(big.response.length).toBe(MAX_RESPONSE_BYTES);
  });

  test('no answer by the deadline: a timeout, the connection dropped', async () => {
    let fire!: () => void;
    const sender = httpSender({
      allowLocalHttp: true,
      deadline: (ms) => ({ reached: new Promise<void>((resolve) => (fire = resolve)), cancel: () => expect(ms).toBe(15_000) }),
    });
    const pending = sender.post(`http://127.0.0.1:${port}/hang`, {}, '{}');
    await new Promise((resolve) => setTimeout(resolve, 50));
    fire();
    expect(await pending).toMatchObject({ kind: 'timeout', response: 'no answer within 15 s' });
  });

  test('nothing listening: an error, not a throw', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    closed.close();
    expect(await local.post(`http://127.0.0.1:${closedPort}/`, {}, '{}')).toMatchObject({
      kind: 'error',
      response: expect.stringContaining('ECONNREFUSED'),
    });
  });
});

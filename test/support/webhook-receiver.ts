/**
 * A webhook receiver on 127.0.0.1 for tests: each path is one endpoint's, with its secret; every
 * delivery is checked with the reference verifier (npm `standardwebhooks`, unchanged) and kept.
 * `answer` decides each reply: a status (and headers), or 'hang' (never answered until stop).
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  /** The payload as the verifier returned it, or undefined when it refused the signature. */
  verified?: { type: string; timestamp: string; data: Record<string, any> };
  at: number;
}

export type Answer = { status: number; headers?: Record<string, string> } | 'hang';

export async function startReceiver() {
  const received: ReceivedWebhook[] = [];
  const secrets = new Map<string, string[]>();
  const answers = new Map<string, (delivery: ReceivedWebhook, count: number) => Answer>();
  const hanging: ServerResponse[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      const delivery: ReceivedWebhook = {
        path,
        id: String(request.headers['webhook-id']),
        timestamp: String(request.headers['webhook-timestamp']),
        signature: String(request.headers['webhook-signature']),
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      };
      const secret = secrets.get(path)?.[0];
      if (secret) {
        try {
          delivery.verified = new Webhook(secret).verify(delivery.body, {
            'webhook-id': delivery.id,
            'webhook-timestamp': delivery.timestamp,
            'webhook-signature': delivery.signature,
          }) as ReceivedWebhook['verified'];
        } catch {
          delivery.verified = undefined;
        }
      }
      received.push(delivery);
      const answer = answers.get(path)?.(delivery, received.filter((r) => r.path === path).length) ?? { status: 204 };
      if (answer === 'hang') {
        hanging.push(response);
        return;
      }
      response.writeHead(answer.status, answer.headers).end(answer.status === 204 ? undefined : `answer ${answer.status}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (path: string) => `${base}${path}`,
    received,
    at: (path: string) => received.filter((r) => r.path === path),
    /** The secret(s) a path's deliveries are verified with (the first). */
    expect(path: string, ...pathSecrets: string[]) {
      secrets.set(path, pathSecrets);
    },
    answer(path: string, decide: (delivery: ReceivedWebhook, count: number) => Answer) {
      answers.set(path, decide);
    },
    /** Verifies a delivery again with another secret (rotation checks). */
    verifiesWith(delivery: ReceivedWebhook, secret: string): boolean {
      try {
        new Webhook(secret).verify(delivery.body, {
          'webhook-id': delivery.id,
          'webhook-timestamp': delivery.timestamp,
          'webhook-signature': delivery.signature,
        });
        return true;
      } catch {
        return false;
      }
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** Polls (every 20 ms) until `ready`, or throws naming what was awaited. */
export async function waitUntil(ready: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

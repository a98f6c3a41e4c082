/**
 * The local stand-in for the webhook retry queue: an HTTP server answering SQS's SendMessage (AWS
 * JSON 1.0, `AmazonSQS.SendMessage`, with the MD5 the SDK checks) at the URL the functions' SQS
 * client is pointed at, holding each message until its DelaySeconds are up, then handing it to the
 * deliverer as Lambda's SQS trigger would. Its clock is the service's (lib/clock), so a test moves
 * time on and calls `runDue()` instead of waiting; `npm start` polls it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clock } from '../functions/lib/clock';

interface Held {
  body: string;
  visibleAt: number;
}

export interface LocalQueue {
  url: string;
  /** Messages waiting (due or not). */
  size(): number;
  /** Hands every message due now to the consumer, each on its own; resolves when they are done. */
  runDue(): Promise<number>;
  /** Runs due messages every `everyMs` of real time (npm start). */
  poll(everyMs: number): void;
  stop(): Promise<void>;
}

export async function startLocalQueue(consume: (body: string) => Promise<void>, onError: (error: unknown) => void): Promise<LocalQueue> {
  const held: Held[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify(body));
      };
      if (request.headers['x-amz-target'] !== 'AmazonSQS.SendMessage')
        return answer(400, { __type: 'com.amazonaws.sqs#UnsupportedOperation' });
      const { MessageBody, DelaySeconds } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        MessageBody: string;
        DelaySeconds?: number;
      };
      held.push({ body: MessageBody, visibleAt: clock.now() + (DelaySeconds ?? 0) * 1000 });
      answer(200, { MessageId: randomUUID(), MD5OfMessageBody: createHash('md5').update(MessageBody).digest('hex') });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();

  // Each due message is handed over on its own: one that hangs holds up no other (as Lambda's pollers).
  const runDue = async (): Promise<number> => {
    const now = clock.now();
    const due = held.filter((message) => message.visibleAt <= now);
    for (const message of due) held.splice(held.indexOf(message), 1);
    const started = due.map((message) => {
      const one: Promise<void> = consume(message.body)
        .catch((error: unknown) => {
          // As SQS would: back after its visibility timeout (here 30 s), tried again.
          held.push({ body: message.body, visibleAt: clock.now() + 30_000 });
          onError(error);
        })
        .finally(() => inFlight.delete(one));
      inFlight.add(one);
      return one;
    });
    await Promise.all(started);
    return due.length;
  };
  return {
    url: `http://127.0.0.1:${port}/000000000000/invites-webhook-retries`,
    size: () => held.length,
    runDue,
    poll(everyMs) {
      timer = setInterval(() => void runDue(), everyMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * `npm run webhook-listen`: a local receiver, the way `stripe listen` works. It registers itself
 * with the running `npm start` as a webhook endpoint (http://127.0.0.1:<port>, allowed locally
 * only), verifies every delivery with the reference verifier (npm `standardwebhooks`, unchanged)
 * and prints it; Ctrl-C deletes the endpoint again.
 * Options: --port (8787), --type T (repeatable: only these webhook types), --answer S (answer with
 * status S instead of 204, to watch the retries).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Webhook } from 'standardwebhooks';
import { useRunningDynamoDb } from './environment';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    type: { type: 'string', multiple: true },
    answer: { type: 'string', default: '204' },
  },
});

async function main() {
  useRunningDynamoDb('webhook-listen');
  // It registers an http://127.0.0.1 endpoint by design, with the local service only (never deployed).
  process.env.WEBHOOKS_ALLOW_LOCAL_HTTP = '1';
  // Loaded only now: the store reads where DynamoDB is at import.
  const { createEndpoint, deleteEndpoint } = await import('../functions/domain/webhooks/endpoints');
  const { endpointRules, endpointStore } = await import('../functions/dialects/webhooks/handlers/wiring');
  let verifier: Webhook | undefined;
  const answer = Number(values.answer);
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const payload = verifier!.verify(body, {
          'webhook-id': String(request.headers['webhook-id']),
          'webhook-timestamp': String(request.headers['webhook-timestamp']),
          'webhook-signature': String(request.headers['webhook-signature']),
        }) as { type: string; data: unknown };
        console.log(`${new Date().toISOString()}  ${payload.type}  webhook-id=${request.headers['webhook-id']}  verified ✓ → ${answer}`);
        console.log(`  ${JSON.stringify(payload.data)}`);
        response.writeHead(answer).end();
      } catch (error) {
        console.log(`${new Date().toISOString()}  signature NOT verified (${(error as Error).message}) → 400`);
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(Number(values.port), '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const { endpoint, secret } = await createEndpoint(
    { url, description: 'npm run webhook-listen', eventTypes: values.type ?? [] },
    endpointStore,
    endpointRules(),
  );
  verifier = new Webhook(secret);
  console.log(
    `Listening on ${url} as webhook endpoint ${endpoint.id} (${values.type?.join(', ') || 'every event type'}); secret ${secret}`,
  );
  console.log(
    'Deliveries reach it within 10 s of registering (the deliverer reads endpoints every 10 s). Ctrl-C stops and deletes the endpoint.',
  );
  const stop = async () => {
    await deleteEndpoint(endpoint.id, endpointStore).catch(() => undefined);
    server.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

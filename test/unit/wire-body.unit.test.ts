/**
 * The benchmark reads the DynamoDB requests it replays as sent; the SDK's JSON body warns on every
 * string method (JsonCodec2) and will throw in a future release. Read as the benchmark reads it, a
 * real body yields its JSON without a warning; read through Buffer.from(body), it warns.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, expect, test, vi } from 'vitest';
import { wireBody } from '../../bench/wire-body';

afterEach(() => vi.restoreAllMocks());

/** The body of a GetItem as the SDK hands it to the HTTP layer. */
async function sentBody(): Promise<Uint8Array> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
    response.end('{}');
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  let body: Uint8Array | undefined;
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  client.middlewareStack.add(
    (next) => async (args) => {
      body = (args.request as { body: Uint8Array }).body;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'captureBody' },
  );
  try {
    await client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }));
  } finally {
    server.close();
    client.destroy();
  }
  return body!;
}

test('the SDK body is read as JSON with no JsonCodec2 warning; Buffer.from(body) would warn', async () => {
  const body = await sentBody();
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  expect(JSON.parse(wireBody(body))).toEqual({ TableName: 't', Key: { pk: { S: 'a' } } });
  expect(warn).not.toHaveBeenCalled();
  Buffer.from(body as never);
  expect(String(warn.mock.calls[0]?.[0])).toContain('JsonCodec2');
});

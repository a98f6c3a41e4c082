/**
 * The request gate's admission is enforced by the DynamoDB client itself: inside a request, a
 * write sent before the store awaited `admitted()` fails, whoever sends it (a raw
 * `documentClient.send` too); reads go ahead; the admission's own count may write; outside a
 * request nothing is checked. DynamoDB is answered by a middleware here: no network.
 */
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  admitted,
  asAdmissionWork,
  runInGate,
  setAdmission,
  UnadmittedWrite,
  writeBeforeAdmission,
} from '../../functions/lib/request-gate';
import { documentClient, dynamoDbClient } from '../../functions/store/client';

const sent: string[] = [];
beforeAll(() => {
  // The SDK resolves credentials before the build step; any will do, nothing leaves the process.
  process.env.AWS_ACCESS_KEY_ID ??= 'unit';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'unit';
  // Stands in for DynamoDB after the checks of the initialize step: every command answers empty.
  dynamoDbClient.middlewareStack.add(
    (_next, context) => async () => {
      sent.push(context.commandName!);
      return { output: { $metadata: {} }, response: {} } as never;
    },
    { step: 'build', name: 'answerLocally' },
  );
});

const put = () => documentClient.send(new PutCommand({ TableName: 't', Item: { pk: 'a', sk: 'b' } }));
const get = () => documentClient.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }));
const transact = () =>
  documentClient.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 't', Item: { pk: 'a', sk: 'b' } } }] }));

describe('inside a request', () => {
  test('a write before admitted() fails naming the command; a read goes ahead', async () => {
    sent.length = 0;
    await runInGate(async () => {
      setAdmission(async () => undefined);
      await expect(put()).rejects.toThrow(UnadmittedWrite);
      await expect(transact()).rejects.toThrow(/TransactWriteItemsCommand before the request was admitted/);
      await get();
    });
    expect(sent).toEqual(['GetItemCommand']);
  });

  test('after admitted() resolves, writes are sent', async () => {
    sent.length = 0;
    await runInGate(async () => {
      setAdmission(async () => undefined);
      await admitted();
      await put();
      await transact();
    });
    expect(sent).toEqual(['PutItemCommand', 'TransactWriteItemsCommand']);
  });

  test('a refused admission stays refused: admitted() rejects and the write is never sent', async () => {
    sent.length = 0;
    await runInGate(async () => {
      setAdmission(async () => {
        throw new Error('429');
      });
      await expect(admitted()).rejects.toThrow('429');
      await expect(put()).rejects.toThrow(UnadmittedWrite);
    });
    expect(sent).toEqual([]);
  });

  test("the admission's own work (the rate-limit count) writes before anything is admitted", async () => {
    sent.length = 0;
    await runInGate(async () => {
      setAdmission(() => asAdmissionWork(async () => void (await put())));
      await admitted();
    });
    expect(sent).toEqual(['PutItemCommand']);
  });
});

test('a write made before admission on purpose says why, and is sent', async () => {
  sent.length = 0;
  await runInGate(async () => {
    setAdmission(() => new Promise(() => undefined)); // never decided
    await writeBeforeAdmission('a counter: a refused request leaves a gap', () => put());
    await expect(put()).rejects.toThrow(UnadmittedWrite);
  });
  expect(sent).toEqual(['PutItemCommand']);
});

test('outside a request (admin tools, the stream consumer, the notifier) nothing is checked', async () => {
  sent.length = 0;
  await put();
  expect(sent).toEqual(['PutItemCommand']);
});

/**
 * The deliverer's Lambda handler: a record whose processing fails (DynamoDB or SQS unavailable)
 * is reported alone as a batch item failure, so SQS hands it out again (then to the dead-letter
 * queue); the others of the batch are done. A receiver's refusal is an outcome, never a failure.
 */
import type { Context, SQSEvent } from 'aws-lambda';
import { expect, test } from 'vitest';
import { delivererHandler } from '../../functions/handlers/webhooks/deliver-webhooks';

const record = (messageId: string, body: unknown) =>
  ({
    messageId,
    receiptHandle: messageId,
    body: JSON.stringify(body),
    attributes: {},
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:webhook-retries',
    awsRegion: 'us-east-1',
  }) as SQSEvent['Records'][number];

test('one record failing (the table unavailable) comes back alone; the others are done', async () => {
  const handled: string[] = [];
  const handler = delivererHandler({
    endpointsForBatch: () => async () => [],
    handle: async (body) => {
      if (body.eventId === 'evt_2')
        throw Object.assign(new Error('ProvisionedThroughputExceededException'), { name: 'ProvisionedThroughputExceededException' });
      handled.push(String(body.eventId));
      return [];
    },
  });
  const response = await handler(
    { Records: [record('m1', { eventId: 'evt_1' }), record('m2', { eventId: 'evt_2' }), record('m3', { eventId: 'evt_3' })] },
    {} as Context,
  );
  expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
  expect(handled.sort()).toEqual(['evt_1', 'evt_3']);
});

test("a batch's events share one read of the endpoints", async () => {
  let reads = 0;
  const handler = delivererHandler({
    endpointsForBatch: () => {
      let read: Promise<never[]> | undefined;
      return () => (read ??= Promise.resolve().then(() => ((reads += 1), [])));
    },
    handle: async (_body, endpoints) => {
      await endpoints!();
      return [];
    },
  });
  await handler({ Records: ['a', 'b', 'c'].map((id) => record(id, { 'detail-type': 'Member Added' })) }, {} as Context);
  expect(reads).toBe(1);
  await handler({ Records: [record('d', { 'detail-type': 'Member Added' })] }, {} as Context);
  expect(reads).toBe(2);
});

/**
 * The functions no route triggers, run from their bundles and fed as their event sources would
 * feed them: the stream consumer gets the table's stream records as a DynamoDB stream event (and
 * reports batch item failures), the notifier gets each invitation event as an SQS message holding
 * the bus's event (as the rule's queue delivers it).
 */
import { randomUUID } from 'node:crypto';
import type { DynamoDBBatchResponse, SQSBatchResponse } from 'aws-lambda';
import type { EventEnvelope } from '../../functions/events/catalogue';
import type { PublishOutcome } from '../../functions/handlers/stream/publish-changes';
import type { StreamRecord } from '../../functions/store/table-changes';
import type { EmailDeliverer } from '../email-sink';
import type { BusEvent } from './event-bus';
import type { FunctionWorkers } from './function-workers';

/** A record as the Lambda event carries it: its creation time in epoch seconds. */
function lambdaStreamRecord(record: StreamRecord, region: string): unknown {
  const at = record.dynamodb?.ApproximateCreationDateTime;
  return {
    ...record,
    awsRegion: region,
    eventSource: 'aws:dynamodb',
    dynamodb: { ...record.dynamodb, ...(at instanceof Date ? { ApproximateCreationDateTime: Math.floor(at.getTime() / 1000) } : {}) },
  };
}

/** The stream reader's publish step, done by the stream consumer's bundle. */
export function streamConsumerFromBundle(workers: FunctionWorkers, logicalId: string, region: string) {
  return async (records: readonly StreamRecord[]): Promise<PublishOutcome> => {
    const response = (await workers.invoke(logicalId, {
      Records: records.map((record) => lambdaStreamRecord(record, region)),
    })) as DynamoDBBatchResponse;
    const failed = response.batchItemFailures[0]?.itemIdentifier;
    return {
      published: [],
      ...(failed
        ? { failedSequenceNumber: failed, error: new Error('the stream consumer reported a batch item failure (see its log line)') }
        : {}),
    };
  };
}

/** The bus's event back into the service's envelope (its id travels in `detail.eventId`). */
export function envelopeOf(event: BusEvent): EventEnvelope {
  const { eventId, ...detail } = event.detail;
  return {
    id: String(eventId ?? event.id),
    time: event.time,
    source: event.source as EventEnvelope['source'],
    'detail-type': event['detail-type'] as EventEnvelope['detail-type'],
    detail,
  };
}

/** One SQS message as Lambda's SQS trigger hands it over. */
function sqsRecord(body: string, queueName: string, region: string, sender: string) {
  const messageId = randomUUID();
  return {
    messageId,
    receiptHandle: messageId,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: String(Date.now()),
      SenderId: sender,
      ApproximateFirstReceiveTimestamp: String(Date.now()),
    },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: `arn:aws:sqs:${region}:000000000000:${queueName}`,
    awsRegion: region,
  };
}

/** The service's event as the bus's rule puts it in a queue (our id in `detail.eventId`). */
const busEventOf = (event: Pick<EventEnvelope, 'id' | 'detail-type' | 'detail'>, region: string): BusEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': event['detail-type'],
  source: 'invites',
  account: '000000000000',
  time: new Date().toISOString(),
  region,
  resources: [],
  detail: { ...event.detail, eventId: event.id },
});

/** The notifier's bundle, given one event as its queue would give it; a reported failure is retried. */
export function notifierFromBundle(workers: FunctionWorkers, logicalId: string, region: string): EmailDeliverer {
  return {
    async deliver(event) {
      const response = (await workers.invoke(logicalId, {
        Records: [sqsRecord(JSON.stringify(busEventOf(event, region)), 'notifier', region, 'events.amazonaws.com')],
      })) as SQSBatchResponse;
      if (response.batchItemFailures.length > 0) throw new Error('the notifier reported the message as failed (see its log line)');
      return undefined;
    },
  };
}

/**
 * The webhook deliverer's bundle: an event (from the outbox sink) as the events queue would give it,
 * or a retry queue's message as it is; a reported failure is thrown (the local queue tries again).
 */
export function webhookDelivererFromBundle(workers: FunctionWorkers, logicalId: string, region: string) {
  return {
    async handle(body: Record<string, unknown>) {
      const event = 'detail-type' in body;
      const record = event
        ? sqsRecord(JSON.stringify(busEventOf(body as unknown as EventEnvelope, region)), 'webhook-events', region, 'events.amazonaws.com')
        : sqsRecord(JSON.stringify(body), 'webhook-retries', region, '000000000000');
      const response = (await workers.invoke(logicalId, { Records: [record] })) as SQSBatchResponse;
      if (response.batchItemFailures.length > 0) throw new Error('the webhook deliverer reported the message as failed (see its log line)');
      return [];
    },
    /** Events handed over together: one invocation with a record each, as the events queue batches them. */
    handleBatch(bodies: Record<string, unknown>[]): Promise<unknown>[] {
      const records = bodies.map((body) =>
        sqsRecord(JSON.stringify(busEventOf(body as unknown as EventEnvelope, region)), 'webhook-events', region, 'events.amazonaws.com'),
      );
      const response = workers.invoke(logicalId, { Records: records }) as Promise<SQSBatchResponse>;
      return records.map((record) =>
        response.then((answer) => {
          if (answer.batchItemFailures.some((failure) => failure.itemIdentifier === record.messageId))
            throw new Error('the webhook deliverer reported the message as failed (see its log line)');
          return [];
        }),
      );
    },
  };
}

/**
 * The notifier: invitation events (the bus rule) → SQS → here → one SES e-mail each. Records are
 * processed with Powertools Batch: a record that fails (SES throttled, DynamoDB unavailable) is
 * reported as a batch item failure and comes back after the queue's visibility timeout, alone;
 * the others of the batch are done (and, delivered again, sent no second time). After the
 * queue's retries a record goes to its dead-letter queue (alarmed).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger, metrics } from '../../observability/telemetry';
import { type Notifier, notifiedEvent, notifier } from './deliver-emails';

/** The handler around a notifier (tests give it a fake mailer or store). */
export function notifierHandler(emails: Notifier) {
  const processor = new BatchProcessor(EventType.SQS);
  const sendOne = (record: SQSRecord) => sendRecord(emails, record);
  return async (event: SQSEvent, context: Context) => {
    try {
      return await processPartialResponse(event, sendOne, processor, { context });
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}

async function sendRecord(emails: Notifier, record: SQSRecord) {
  const event = notifiedEvent(JSON.parse(record.body));
  try {
    const delivered = await emails.deliver(event);
    // Ids and outcomes only: addresses and links stay out of the logs.
    logger.info('invitation e-mail', { eventId: event.id, type: event['detail-type'], ...delivered });
  } catch (error) {
    logger.warn('invitation e-mail not sent, will retry', {
      eventId: event.id,
      cause: error instanceof Error ? { name: error.name, message: error.message } : String(error),
    });
    throw error;
  }
}

export const handler = notifierHandler(notifier());

/**
 * The webhook deliverer: the bus's events (a rule → the events queue) and the retries (the retry
 * queue) → here → one HTTP try per endpoint per event. Records are processed with Powertools
 * Batch: a record whose processing fails (DynamoDB or SQS unavailable; never a receiver's answer,
 * which is a delivery outcome) is reported alone and comes back after the visibility timeout;
 * after the queue's retries it goes to its dead-letter queue (alarmed).
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { metrics } from '../../observability/telemetry';
import { webhookDeliverer } from './webhook-deliverer';

export function delivererHandler(deliverer: Pick<ReturnType<typeof webhookDeliverer>, 'handle' | 'endpointsForBatch'>) {
  const processor = new BatchProcessor(EventType.SQS);
  return async (event: SQSEvent, context: Context) => {
    // The endpoints are read at most once for the batch's events (when the instance's cache is cold).
    const endpoints = deliverer.endpointsForBatch();
    const one = async (record: SQSRecord) => {
      await deliverer.handle(JSON.parse(record.body) as Record<string, unknown>, endpoints);
    };
    try {
      return await processPartialResponse(event, one, processor, { context, processInParallel: true });
    } finally {
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}

export const handler = delivererHandler(webhookDeliverer());

/**
 * The stream consumer: the table's DynamoDB stream (new and old images) → the service's events →
 * the EventBridge bus. Reports the first record it could not publish as a batch item failure, so
 * Lambda retries from there (bisecting, bounded by the event source mapping's retries and record
 * age, then the record goes to the dead-letter queue). A request never waits for any of this.
 */
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { sinkFromEnvironment } from '../../events/sinks';
import { logger, metrics } from '../../observability/telemetry';
import type { StreamRecord } from '../../store/table-changes';
import { environmentDependencies, publishChanges } from './publish-changes';

const sink = sinkFromEnvironment();
const deps = environmentDependencies();

export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const outcome = await publishChanges(event.Records as StreamRecord[], sink, deps);
  if (outcome.error) {
    // The cause, never the record (its images hold invitation data).
    const cause = outcome.error instanceof Error ? { name: outcome.error.name, message: outcome.error.message } : String(outcome.error);
    logger.error('stream records not published', { records: event.Records.length, published: outcome.published.length, cause });
  }
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  return { batchItemFailures: outcome.failedSequenceNumber ? [{ itemIdentifier: outcome.failedSequenceNumber }] : [] };
};

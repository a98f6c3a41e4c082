/**
 * The one path from committed table changes to published events, run by the deployed stream
 * consumer (Lambda, DynamoDB stream trigger) and by the local runtime's stream reader alike:
 * decode each record, derive its events, envelope them, put them in the sink, count them.
 * Records are taken in order; the first that cannot be mapped stops the batch there, so what
 * comes after it is retried after it (a stream is ordered per item).
 */
import { deriveEvents, type DeriveDependencies } from '../../domain/events/derive-events';
import type { EventEnvelope, EventType } from '../../events/catalogue';
import { changeRecognizers, eventRules, eventSchemaOf } from '../../registry';
import { envelope } from '../../events/envelope';
import type { EventSink } from '../../events/sinks';
import { invitationToken } from '../../lib/invitation-token';
import { countMetric, type MetricName } from '../../observability/telemetry';
import { invitationTokenKey } from '../../secrets/invitation-token-key';
import { decodeStreamRecord, type StreamRecord } from '../../store/table-changes';

export interface PublishOutcome {
  /** Events put in the sink. */
  published: EventEnvelope[];
  /** The first record not published (its sequence number), when the batch stopped early. */
  failedSequenceNumber?: string;
  /** Why it stopped. */
  error?: unknown;
}

/** What the environment gives the rules: the token key (read once) and the API's URL. */
export const environmentDependencies = (env: NodeJS.ProcessEnv = process.env): DeriveDependencies => ({
  invitationToken: async (pk, sk, nonce) => invitationToken(await invitationTokenKey(), pk, sk, nonce),
  publicBaseUrl: env.PUBLIC_BASE_URL ?? '',
});

/** The metrics each event counts. */
const COUNTED: Partial<Record<EventType | (string & {}), MetricName[]>> = {
  'Invitation Created': ['InvitationsCreated'],
  'Invitation Accepted': ['InvitationsAccepted'],
  'Invitation Rejected': ['InvitationsRejected'],
  'Member Added': ['MembersAdded'],
  'Member Removed': ['MembersRemoved'],
};

export async function publishChanges(records: readonly StreamRecord[], sink: EventSink, deps: DeriveDependencies): Promise<PublishOutcome> {
  const events: EventEnvelope[] = [];
  let failedAt: number | undefined;
  let error: unknown;
  for (const [index, record] of records.entries()) {
    try {
      // Every dialect as registered (functions/registry): its entities, its rules, its event types.
      const change = decodeStreamRecord(record, changeRecognizers());
      events.push(...envelope(change, await deriveEvents(change.change, deps, eventRules()), eventSchemaOf));
    } catch (mappingError) {
      failedAt = index;
      error = mappingError;
      break;
    }
  }
  try {
    await sink.put(events);
  } catch (sinkError) {
    // Nothing of this batch is known to be published: all of it is tried again (ids stay the same).
    return { published: [], failedSequenceNumber: records[0]?.dynamodb?.SequenceNumber, error: sinkError };
  }
  countMetric('EventsPublished', events.length);
  for (const event of events) for (const name of COUNTED[event['detail-type']] ?? []) countMetric(name);
  return failedAt === undefined
    ? { published: events }
    : { published: events, failedSequenceNumber: records[failedAt]?.dynamodb?.SequenceNumber, error };
}

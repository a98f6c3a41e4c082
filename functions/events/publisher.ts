/**
 * The service's events (invitation created, accepted, …), published on one EventBridge bus
 * (EVENT_BUS_NAME) with source `invites`; without a bus (`npm start`, tests) appended as JSON
 * lines `{"source","detail-type","detail"}` to the outbox file (EVENTS_OUTBOX, default
 * `.local/outbox.jsonl`; EVENTS_OUTBOX_ECHO=1, as `npm start` sets, also prints each invitation's
 * accept link, a local stand-in for the e-mail an application would send). Events carry clear
 * invite tokens: deployed, they are never logged.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ServiceError } from '../errors';
import { chunk } from '../lib/chunk';
import { countMetric, type MetricName } from '../observability/telemetry';

export const EVENT_SOURCE = 'invites';

export type EventType =
  | 'Invitation Created'
  | 'Invitation Accepted'
  | 'Invitation Rejected'
  | 'Member Added'
  | 'Member Removed'
  | 'Invitation Email Requested';

export interface ServiceEvent {
  type: EventType;
  detail: Record<string, unknown>;
}

export interface EventPublisher {
  /** Publishes all events or throws (a 503-class ServiceError when the bus refuses some). */
  publish(events: ServiceEvent[]): Promise<void>;
}

/** PutEvents takes at most 10 entries a call; calls run concurrently. */
const PUT_EVENTS_LIMIT = 10;

/** Publishes on an EventBridge bus; `endpoint` is for tests against a stand-in. */
export function eventBridgePublisher(busName: string, endpoint?: string): EventPublisher {
  // Imported on the first publish (from the Lambda runtime's SDK when deployed), never at init.
  let client: Promise<{ eventBridge: import('@aws-sdk/client-eventbridge').EventBridgeClient; PutEventsCommand: typeof import('@aws-sdk/client-eventbridge').PutEventsCommand }> | undefined;
  const load = () =>
    (client ??= import('@aws-sdk/client-eventbridge').then(({ EventBridgeClient, PutEventsCommand }) => ({
      eventBridge: new EventBridgeClient({ region: process.env.AWS_REGION, ...(endpoint ? { endpoint } : {}) }),
      PutEventsCommand,
    })));
  return {
    async publish(events) {
      const { eventBridge, PutEventsCommand } = await load();
      await Promise.all(
        chunk(events, PUT_EVENTS_LIMIT).map(async (batch) => {
          const result = await eventBridge.send(
            new PutEventsCommand({
              Entries: batch.map((event) => ({
                EventBusName: busName,
                Source: EVENT_SOURCE,
                DetailType: event.type,
                Detail: JSON.stringify(event.detail),
              })),
            }),
          );
          if ((result.FailedEntryCount ?? 0) > 0) {
            throw new ServiceError('unavailable', `The event bus refused ${result.FailedEntryCount} event(s)`);
          }
        }),
      );
    },
  };
}

/**
 * Local stand-in for the bus: one JSON line per event, and (when `log` is given: `npm start`) a
 * line on the console for each invitation, with its accept link.
 */
export function outboxPublisher(file: string, log?: (line: string) => void): EventPublisher {
  const path = resolve(file);
  let ready: Promise<unknown> | undefined;
  return {
    async publish(events) {
      ready ??= mkdir(dirname(path), { recursive: true });
      await ready;
      const lines = events.map((event) => JSON.stringify({ source: EVENT_SOURCE, 'detail-type': event.type, detail: event.detail }));
      await appendFile(path, lines.map((line) => `${line}\n`).join(''));
      for (const event of events) {
        if (!log || event.type !== 'Invitation Created') continue;
        const { invitee, acceptUrl } = event.detail as { invitee: { userId?: string; email?: string }; acceptUrl: string };
        log(`[outbox] invitation for ${invitee.email ?? `user ${invitee.userId}`}: ${acceptUrl}`);
      }
    },
  };
}

/** The metrics each published event counts (accepting an invitation also adds a member). */
const COUNTED: Partial<Record<EventType, MetricName[]>> = {
  'Invitation Created': ['InvitationsCreated'],
  'Invitation Accepted': ['InvitationsAccepted', 'MembersAdded'],
  'Invitation Rejected': ['InvitationsRejected'],
  'Member Added': ['MembersAdded'],
  'Member Removed': ['MembersRemoved'],
};

/** Publishes, then counts what was published. */
const counted = (inner: EventPublisher): EventPublisher => ({
  async publish(events) {
    await inner.publish(events);
    for (const event of events) for (const name of COUNTED[event.type] ?? []) countMetric(name);
  },
});

/** The publisher this function instance uses, chosen once from its environment. */
export const publisher: EventPublisher = counted(
  process.env.EVENT_BUS_NAME
    ? eventBridgePublisher(process.env.EVENT_BUS_NAME)
    : outboxPublisher(process.env.EVENTS_OUTBOX || '.local/outbox.jsonl', process.env.EVENTS_OUTBOX_ECHO === '1' ? console.log : undefined),
);

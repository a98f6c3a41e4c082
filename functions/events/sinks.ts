/**
 * Where events go: the stack's EventBridge bus (EVENT_BUS_NAME) or, locally, the outbox file
 * (EVENTS_OUTBOX, default `.local/outbox.jsonl`), one JSON line `{"id","time","source",
 * "detail-type","detail"}` per event. A sink takes all events or throws; the stream consumer then
 * keeps its position and tries again, so nothing is skipped. Events carry invitation links: no
 * sink logs them.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { chunk } from '../lib/chunk';
import type { EventEnvelope } from './catalogue';

export interface EventSink {
  put(events: readonly EventEnvelope[]): Promise<void>;
}

/** PutEvents takes at most 10 entries a call; calls run concurrently. */
const PUT_EVENTS_LIMIT = 10;

/** The EventBridge bus; `endpoint` is for tests against a stand-in. */
export function eventBridgeSink(busName: string, endpoint?: string): EventSink {
  // Imported on first use (from the Lambda runtime's SDK when deployed), never at init.
  let client:
    | Promise<{
        eventBridge: import('@aws-sdk/client-eventbridge').EventBridgeClient;
        PutEventsCommand: typeof import('@aws-sdk/client-eventbridge').PutEventsCommand;
      }>
    | undefined;
  const load = () =>
    (client ??= import('@aws-sdk/client-eventbridge').then(({ EventBridgeClient, PutEventsCommand }) => ({
      eventBridge: new EventBridgeClient({ region: process.env.AWS_REGION, ...(endpoint ? { endpoint } : {}) }),
      PutEventsCommand,
    })));
  return {
    async put(events) {
      if (events.length === 0) return;
      const { eventBridge, PutEventsCommand } = await load();
      await Promise.all(
        chunk([...events], PUT_EVENTS_LIMIT).map(async (batch) => {
          const result = await eventBridge.send(
            new PutEventsCommand({
              Entries: batch.map((event) => ({
                EventBusName: busName,
                Source: event.source,
                DetailType: event['detail-type'],
                Time: new Date(event.time),
                // EventBridge assigns its own id: ours travels in the detail too, for deduplication.
                Detail: JSON.stringify({ ...event.detail, eventId: event.id }),
              })),
            }),
          );
          if ((result.FailedEntryCount ?? 0) > 0) throw new Error(`the event bus refused ${result.FailedEntryCount} event(s)`);
        }),
      );
    },
  };
}

/**
 * The local stand-in for the bus: one JSON line per event; with `log` (`npm start`), also a line
 * for each invitation with its accept link, a local stand-in for the e-mail.
 */
export function outboxSink(file: string, log?: (line: string) => void): EventSink {
  const path = resolve(file);
  let folder: Promise<unknown> | undefined;
  return {
    async put(events) {
      if (events.length === 0) return;
      // Made once; a failure is tried again by the next put.
      await (folder ??= mkdir(dirname(path), { recursive: true }).catch((error: unknown) => {
        folder = undefined;
        throw error;
      }));
      await appendFile(path, events.map((event) => `${JSON.stringify(event)}\n`).join(''));
      for (const event of events) {
        if (!log || event['detail-type'] !== 'Invitation Created') continue;
        const { invitee, acceptUrl } = event.detail as { invitee: { userId?: string; email?: string }; acceptUrl: string };
        log(`[outbox] invitation for ${invitee.email ?? `user ${invitee.userId}`}: ${acceptUrl}`);
      }
    },
  };
}

/** The sink this environment publishes to. */
export const sinkFromEnvironment = (env: NodeJS.ProcessEnv = process.env): EventSink =>
  env.EVENT_BUS_NAME
    ? eventBridgeSink(env.EVENT_BUS_NAME)
    : outboxSink(env.EVENTS_OUTBOX || '.local/outbox.jsonl', env.EVENTS_OUTBOX_ECHO === '1' ? console.log : undefined);

/**
 * The local stand-in for the bus rule and its queue: every event put in the outbox that the rule
 * would match goes to the notifier too, in the background (a request never waits for it), tried
 * again a few times as SQS would, then reported as dead-lettered.
 */
import type { EventEnvelope } from '../functions/events/catalogue';
import type { EventSink } from '../functions/events/sinks';
import { NOTIFIED_TYPES } from '../functions/domain/notify/invitation-emails';
import type { Notifier } from '../functions/handlers/notifier/deliver-emails';

const ATTEMPTS = 5;
const BACKOFF_MS = [100, 200, 400, 800];

export function withEmailDelivery(sink: EventSink, notifier: Notifier, log: (line: string) => void): EventSink & { idle(): Promise<void> } {
  const pending = new Set<Promise<void>>();
  const deliver = async (event: EventEnvelope) => {
    for (let attempt = 1; ; attempt++) {
      try {
        const delivered = await notifier.deliver({ id: event.id, 'detail-type': event['detail-type'], detail: event.detail });
        if (delivered.outcome !== 'duplicate') log(`[email] ${event['detail-type']}: ${delivered.outcome}${'reason' in delivered ? ` (${delivered.reason})` : ''}`);
        return;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (attempt >= ATTEMPTS) return log(`[email] ${event['detail-type']} ${event.id}: not sent after ${ATTEMPTS} attempts (${message})`);
        await new Promise((wait) => setTimeout(wait, BACKOFF_MS[attempt - 1]));
      }
    }
  };
  return {
    async put(events) {
      await sink.put(events);
      for (const event of events) {
        if (!(NOTIFIED_TYPES as readonly string[]).includes(event['detail-type'])) continue;
        const running = deliver(event).finally(() => pending.delete(running));
        pending.add(running);
      }
    },
    async idle() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}

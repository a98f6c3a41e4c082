/**
 * The local stand-in for the bus rule and its queue: every event put in the outbox that the rule
 * would match goes to the notifier too, in the background (a request never waits for it), tried
 * again a few times as SQS would (retryPolicies.localEmailDelivery), then reported as dead-lettered.
 */
import type { EventEnvelope } from '../functions/events/catalogue';
import type { EventSink } from '../functions/events/sinks';
import type { DeliveryOutcome, NotifiedEvent } from '../functions/domain/notify/invitation-emails';
import { RETRY, retry } from '../functions/lib/retry';
import { retryPolicies } from '../functions/policies';
import { notifiedTypes } from '../functions/registry';

/** The notifier's work on one event: its outcome, or nothing to say (a bundle logs its own). */
export interface EmailDeliverer {
  deliver(event: NotifiedEvent): Promise<DeliveryOutcome | undefined>;
}

export function withEmailDelivery(
  sink: EventSink,
  notifier: EmailDeliverer,
  log: (line: string) => void,
): EventSink & { idle(): Promise<void> } {
  const pending = new Set<Promise<void>>();
  const deliver = async (event: EventEnvelope) => {
    let lastError = '';
    try {
      const delivered = await retry(retryPolicies.localEmailDelivery, async () =>
        notifier
          .deliver({ id: event.id, 'detail-type': event['detail-type'], detail: event.detail })
          .catch((error: unknown): typeof RETRY => {
            lastError = error instanceof Error ? error.message : String(error);
            return RETRY;
          }),
      );
      if (delivered && delivered.outcome !== 'duplicate')
        log(`[email] ${event['detail-type']}: ${delivered.outcome}${'reason' in delivered ? ` (${delivered.reason})` : ''}`);
    } catch (exhausted) {
      log(`[email] ${event['detail-type']} ${event.id}: ${(exhausted as Error).message} (${lastError})`);
    }
  };
  return {
    async put(events) {
      await sink.put(events);
      for (const event of events) {
        if (!notifiedTypes().includes(event['detail-type'])) continue;
        const running = deliver(event).finally(() => pending.delete(running));
        pending.add(running);
      }
    },
    async idle() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}

/**
 * The local stand-in for the webhook bus rule and its events queue: every event put in the outbox
 * goes to the deliverer too, in the background (a request never waits for it), the events of one
 * put together as one batch (one read of the endpoints for them, as a queue batch gets). Its retries go
 * through the local retry queue (webhook-queue.ts), as deployed through SQS.
 */
import type { EventSink } from '../functions/events/sinks';

export interface WebhookEventDeliverer {
  /** The events of one put, as the events queue would hand them over in one batch. */
  handleBatch(bodies: Record<string, unknown>[]): Promise<unknown>[];
}

export function withWebhookDelivery(
  sink: EventSink,
  deliverer: WebhookEventDeliverer,
  log: (line: string) => void,
): EventSink & { idle(): Promise<void> } {
  const pending = new Set<Promise<void>>();
  return {
    async put(events) {
      await sink.put(events);
      const handled = deliverer.handleBatch(events.map((event) => ({ ...event })));
      handled.forEach((one, index) => {
        const event = events[index]!;
        const running: Promise<void> = one
          .then(() => undefined)
          .catch((error: unknown) =>
            log(`[webhooks] ${event['detail-type']} ${event.id}: ${error instanceof Error ? error.message : String(error)}`),
          )
          .finally(() => pending.delete(running));
        pending.add(running);
      });
    },
    async idle() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}

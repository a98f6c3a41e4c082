/**
 * The local stand-in for the webhook bus rule and its events queue: every event put in the outbox
 * goes to the deliverer too, in the background (a request never waits for it). Its retries go
 * through the local retry queue (webhook-queue.ts), as deployed through SQS.
 */
import type { EventSink } from '../functions/events/sinks';

export interface WebhookEventDeliverer {
  handle(body: Record<string, unknown>): Promise<unknown>;
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
      for (const event of events) {
        const running: Promise<void> = deliverer
          .handle(event as unknown as Record<string, unknown>)
          .then(() => undefined)
          .catch((error: unknown) =>
            log(`[webhooks] ${event['detail-type']} ${event.id}: ${error instanceof Error ? error.message : String(error)}`),
          )
          .finally(() => pending.delete(running));
        pending.add(running);
      }
    },
    async idle() {
      while (pending.size > 0) await Promise.all(pending);
    },
  };
}

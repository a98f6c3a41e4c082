/**
 * The one path from events to webhook deliveries, run by the deployed deliverer (Lambda behind two
 * SQS queues: the bus rule's events and the retries) and by `npm start` (fed from the outbox, its
 * retries from the local queue stand-in) alike: the rules in domain/webhooks, the table for state,
 * HTTP to send, a metric per outcome. Logs carry ids and outcomes only, never a URL or a body.
 */
import { type DeliveryDependencies, type DeliveryResult, deliverEvent, deliverOnce } from '../../domain/webhooks/deliveries';
import { TtlCache } from '../../lib/cache';
import { clock } from '../../lib/clock';
import type { WebhookEndpoint } from '../../model';
import { countMetric, logger } from '../../observability/telemetry';
import { cachePolicies } from '../../policies';
import {
  claimWebhookDelivery,
  clearWebhookEndpointFailing,
  disableWebhookEndpoint,
  finishWebhookDelivery,
  getWebhookEndpoint,
  listWebhookEndpoints,
  markWebhookEndpointFailing,
} from '../../store/webhooks';
import type { EventEnvelope } from '../../events/catalogue';
import { httpSender, type SenderOptions } from '../../webhooks/http-sender';
import { type QueuedDelivery, remainingDelaySeconds, sqsRetryQueue } from '../../webhooks/retry-queue';
import { webhookHeaders } from '../../webhooks/standard-webhooks';
import { webhookEvent } from '../../webhooks/webhook-payloads';

/** Endpoints are read once per cachePolicies.webhookEndpoints (10 s) per instance. */
const endpointCache = new TtlCache<'all', WebhookEndpoint[]>(cachePolicies.webhookEndpoints);

export interface DelivererSettings {
  queueUrl: string;
  queueEndpoint?: string;
  sender?: SenderOptions;
  random?: () => number;
}

export const delivererSettings = (env: NodeJS.ProcessEnv = process.env): DelivererSettings => ({
  queueUrl: env.WEBHOOK_RETRY_QUEUE_URL ?? '',
  queueEndpoint: env.SQS_ENDPOINT || undefined,
  sender: { allowLocalHttp: env.WEBHOOKS_ALLOW_LOCAL_HTTP === '1' },
});

/** An event as the bus hands it over (our id in the detail) or as the outbox holds it. */
function envelopeOf(body: Record<string, unknown>): EventEnvelope {
  const { eventId, ...detail } = (body.detail ?? {}) as Record<string, unknown>;
  return {
    id: typeof eventId === 'string' ? eventId : String(body.id),
    time: String(body.time),
    source: String(body.source),
    'detail-type': String(body['detail-type']),
    detail,
  } as EventEnvelope;
}

/** A retry queue's message, checked (a malformed one is a bug upstream: thrown, so it ends in the dead-letter queue). */
function queuedDelivery(body: Record<string, unknown>): QueuedDelivery {
  const { endpointId, eventId, type, body: payload, eventTime, step, retry, notBefore } = body;
  if (
    typeof endpointId !== 'string' ||
    typeof eventId !== 'string' ||
    typeof type !== 'string' ||
    typeof payload !== 'string' ||
    typeof eventTime !== 'string' ||
    typeof step !== 'number' ||
    typeof retry !== 'boolean' ||
    typeof notBefore !== 'number'
  )
    throw new Error('not a webhook delivery message');
  return { endpointId, eventId, type, body: payload, eventTime, step, retry, notBefore, ...(body.force === true ? { force: true } : {}) };
}

export function webhookDeliverer(settings: DelivererSettings = delivererSettings()) {
  const forget = () => endpointCache.delete('all');
  const queue = sqsRetryQueue({ queueUrl: settings.queueUrl, endpoint: settings.queueEndpoint, nowMs: clock.now });
  const deps: DeliveryDependencies = {
    store: {
      getEndpoint: getWebhookEndpoint,
      claimDelivery: claimWebhookDelivery,
      finishDelivery: finishWebhookDelivery,
      markFailing: markWebhookEndpointFailing,
      clearFailing: clearWebhookEndpointFailing,
      disableEndpoint: disableWebhookEndpoint,
    },
    sender: httpSender(settings.sender),
    retries: queue,
    nowMs: clock.now,
    sign: webhookHeaders,
    random: settings.random,
    onAttempt: (attempt) => {
      countMetric(attempt.outcome === 'succeeded' ? 'WebhooksDelivered' : 'WebhookAttemptsFailed');
      logger.info('webhook attempt', {
        endpointId: attempt.endpointId,
        eventId: attempt.eventId,
        try: attempt.try,
        outcome: attempt.outcome,
        status: attempt.status,
        latencyMs: attempt.latencyMs,
      });
    },
    onDisabled: (endpoint, reason) => {
      // This instance stops at once; others within their cache's time (cachePolicies.webhookEndpoints).
      forget();
      countMetric('WebhookEndpointsDisabled');
      logger.warn('webhook endpoint disabled', { endpointId: endpoint.id, reason });
    },
  };
  const endpoints = async () => {
    const cached = endpointCache.get('all');
    if (cached) return cached;
    const listed = await listWebhookEndpoints();
    endpointCache.set('all', listed);
    return listed;
  };
  return {
    /**
     * An event (from the bus or the outbox) or a delivery message (from the retry queue).
     * `endpointsOfBatch`: the endpoints read once for the batch the event came in (every event of
     * it was committed before the batch was handed over, so one read after that serves them all).
     */
    async handle(body: Record<string, unknown>, endpointsOfBatch: () => Promise<WebhookEndpoint[]> = endpoints): Promise<DeliveryResult[]> {
      if ('detail-type' in body) return deliverEvent(webhookEvent(envelopeOf(body)), await endpointsOfBatch(), deps);
      const message = queuedDelivery(body);
      if (remainingDelaySeconds(message, clock.now()) > 0) {
        await queue.requeue(message);
        return [];
      }
      return [await deliverOnce(message, deps)];
    },
    /** Several bodies handed over together (npm start's outbox feed): one read of the endpoints for them all. */
    handleBatch(bodies: Record<string, unknown>[]): Promise<DeliveryResult[]>[] {
      const endpointsOfBatch = this.endpointsForBatch();
      return bodies.map((body) => this.handle(body, endpointsOfBatch));
    },
    /** One read of the endpoints (or the cached list) for a whole batch: call it per batch. */
    endpointsForBatch(): () => Promise<WebhookEndpoint[]> {
      let read: Promise<WebhookEndpoint[]> | undefined;
      return () => {
        read ??= endpoints().catch((error: unknown) => {
          read = undefined;
          throw error;
        });
        return read;
      };
    },
    /** Forgets the cached endpoints (tests, after changing them). */
    forgetEndpoints: forget,
  };
}

/**
 * Webhook endpoints, their deliveries and the attempt log (docs/webhooks.md). Endpoints share one
 * partition (an operator keeps a handful; listing them is one Query); each endpoint's deliveries and
 * attempts share its own, so its log and its failed deliveries are one Query each. Deliveries and
 * attempts expire after 30 days (TTL).
 */
import * as z from '../../lib/zod';
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../../model';
import { type Codec, codec, key } from './codec';

export const webhookKeys = {
  webhookEndpoint: (id: string) => key('WEBHOOKS', `ENDPOINT#${id}`),
  webhookEndpointsPartition: () => 'WEBHOOKS',
  webhookEndpointPrefix: () => 'ENDPOINT#',
  webhookDelivery: (endpointId: string, eventId: string) => key(`WEBHOOK#${endpointId}`, `DELIVERY#${eventId}`),
  /** Newest last by time: `ATTEMPT#<ISO time>#<event id>#<try>`. */
  webhookAttempt: (attempt: Pick<WebhookAttempt, 'endpointId' | 'eventId' | 'at' | 'try'>) =>
    key(`WEBHOOK#${attempt.endpointId}`, `ATTEMPT#${attempt.at}#${attempt.eventId}#${attempt.try}`),
  webhookPartition: (endpointId: string) => `WEBHOOK#${endpointId}`,
  webhookDeliveryPrefix: () => 'DELIVERY#',
  webhookAttemptPrefix: () => 'ATTEMPT#',
} as const;

const optional = z.optional;

export const webhookEndpointCodec: Codec<WebhookEndpoint> = /* @__PURE__ */ codec(
  'webhook endpoint',
  () =>
    z.object({
      id: z.string(),
      url: z.string(),
      description: z.string(),
      eventTypes: z.array(z.string()),
      dialect: optional(z.string()),
      roomId: optional(z.string()),
      contactEmail: optional(z.string()),
      enabled: z.boolean(),
      disabledReason: optional(z.enum(['gone', 'failing', 'operator'])),
      secrets: z.array(z.object({ secret: z.string(), until: optional(z.string()) })),
      failingSince: optional(z.string()),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
  (endpoint) => ({ ...webhookKeys.webhookEndpoint(endpoint.id), ...endpoint }),
);

export const webhookDeliveryCodec: Codec<WebhookDelivery> = /* @__PURE__ */ codec(
  'webhook delivery',
  () =>
    z.object({
      endpointId: z.string(),
      eventId: z.string(),
      type: z.string(),
      body: z.string(),
      eventTime: z.string(),
      status: z.enum(['pending', 'succeeded', 'failed']),
      attempts: z.number(),
      leaseUntil: optional(z.number()),
      lastAttemptAt: optional(z.string()),
    }),
  (delivery) => ({ ...webhookKeys.webhookDelivery(delivery.endpointId, delivery.eventId), ...delivery }),
);

/** An attempt as stored, and as the management API lists it (its reply schema reuses this). */
export const webhookAttemptSchema = () =>
  z.object({
    endpointId: z.string(),
    eventId: z.string(),
    try: z.number(),
    at: z.string(),
    outcome: z.enum(['succeeded', 'failed', 'timeout', 'refused', 'error']),
    status: optional(z.number()),
    latencyMs: z.number(),
    response: z.string(),
  });

export const webhookAttemptCodec: Codec<WebhookAttempt> = /* @__PURE__ */ codec('webhook attempt', webhookAttemptSchema, (attempt) => ({
  ...webhookKeys.webhookAttempt(attempt),
  ...attempt,
}));

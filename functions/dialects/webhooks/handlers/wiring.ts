/** What the management handlers hand the webhook rules: the table's endpoint operations, the rules' settings and the retry queue. */
import type { EndpointRules, EndpointStore } from '../../../domain/webhooks/endpoints';
import { clock } from '../../../lib/clock';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookDelivery,
  getWebhookEndpoint,
  listWebhookAttempts,
  listWebhookEndpoints,
  replaceWebhookSecrets,
  unsucceededWebhookDeliveries,
  updateWebhookEndpoint,
} from '../../../store/webhooks';
import { sqsRetryQueue } from '../../../webhooks/retry-queue';
import { WEBHOOK_TYPES } from '../../../webhooks/webhook-payloads';

export const endpointStore: EndpointStore = {
  createEndpoint: createWebhookEndpoint,
  getEndpoint: getWebhookEndpoint,
  listEndpoints: listWebhookEndpoints,
  updateEndpoint: updateWebhookEndpoint,
  replaceSecrets: replaceWebhookSecrets,
  deleteEndpoint: deleteWebhookEndpoint,
  getDelivery: getWebhookDelivery,
  unsucceededDeliveries: unsucceededWebhookDeliveries,
  listAttempts: listWebhookAttempts,
};

/** `WEBHOOKS_ALLOW_LOCAL_HTTP=1` is set by `npm start` only; the stack never declares it (a test checks). */
export const endpointRules = (env: NodeJS.ProcessEnv = process.env): EndpointRules => ({
  knownTypes: [...Object.values(WEBHOOK_TYPES)],
  allowLocalHttp: env.WEBHOOKS_ALLOW_LOCAL_HTTP === '1',
  nowMs: clock.now,
});

let queue: ReturnType<typeof sqsRetryQueue> | undefined;

/** The retry queue, made on first use (its settings are read then) and kept for the instance: one SQS client, as the DynamoDB one. */
export const retryQueue = () =>
  (queue ??= sqsRetryQueue({
    queueUrl: process.env.WEBHOOK_RETRY_QUEUE_URL ?? '',
    endpoint: process.env.SQS_ENDPOINT || undefined,
    nowMs: clock.now,
  }));

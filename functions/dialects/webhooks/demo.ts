/**
 * Webhook demo data: an endpoint the examples manage (it asks only for `webhook_endpoint.disabled`,
 * so npm start's own events do not go to its made-up host), one for the delete example, and a
 * failed delivery the re-send example sends again.
 */
import type { DemoUsers } from '../../../demo/demo-data';
import { createEndpoint } from '../../domain/webhooks/endpoints';
import { claimWebhookDelivery, finishWebhookDelivery } from '../../store/webhooks';
import { endpointRules, endpointStore } from './handlers/wiring';

export async function seed(_users: DemoUsers) {
  const existing = await endpointStore.listEndpoints();
  const demoEndpoint = async (description: string) =>
    existing.find((endpoint) => endpoint.description === description) ??
    (
      await createEndpoint(
        { url: 'https://hooks.example.com/invites', description, eventTypes: ['webhook_endpoint.disabled'] },
        endpointStore,
        endpointRules(),
      )
    ).endpoint;
  const kept = await demoEndpoint('demo endpoint');
  const toDelete = await demoEndpoint('demo endpoint to delete');
  const eventId = 'demo-event-0001';
  const time = new Date().toISOString();
  const message = {
    endpointId: kept.id,
    eventId,
    type: 'webhook.test',
    body: JSON.stringify({ type: 'webhook.test', timestamp: time, data: { endpointId: kept.id } }),
    eventTime: time,
  };
  const claim = await claimWebhookDelivery(message, Date.now(), Date.now() + 1000);
  if (claim.claimed)
    await finishWebhookDelivery(
      { endpointId: kept.id, eventId, try: claim.delivery.attempts, at: time, outcome: 'refused', latencyMs: 0, response: 'demo' },
      'failed',
    );
  return {
    placeholders: { webhookEndpointId: kept.id, webhookEndpointToDeleteId: toDelete.id, webhookEventId: eventId },
    summary: [`Demo webhook endpoint: ${kept.id} (the operator's key is OPERATOR_TOKEN)`],
  };
}

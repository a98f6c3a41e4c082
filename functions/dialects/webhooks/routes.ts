/** The webhook management API: endpoints, their secrets, the attempt log and re-sends; operator keys only, limited per key. */
import { dialectRoute, type Route } from '../../routes/route';
import { webhooksApi } from './dialect';
import {
  attemptsInput,
  attemptsReply,
  createEndpointInput,
  deletedReply,
  endpointPathInput,
  endpointReply,
  endpointsReply,
  endpointWithSecretReply,
  noInput,
  recoverInput,
  recoverReply,
  resendInput,
  resendReply,
  testReply,
  updateEndpointInput,
} from './handlers/endpoints.schema';

const route = /* @__PURE__ */ dialectRoute(webhooksApi, { rateLimit: { limit: 60, windowSeconds: 60, key: 'user' } });
const entry = (name: string) => `functions/dialects/webhooks/handlers/${name}.ts`;

export const createEndpointRoute = /* @__PURE__ */ route({
  id: 'webhooks-endpoint-create',
  method: 'POST',
  path: '/webhooks/v1/endpoints',
  entry: entry('endpoint-create'),
  input: createEndpointInput,
  output: endpointWithSecretReply,
  tableAccess: ['PutItem'],
  summary: 'Webhooks: register an endpoint (its signing secret is shown once)',
  exampleBody: {
    url: 'https://hooks.example.com/invites',
    description: 'our backend',
    eventTypes: ['invitation.accepted', 'member.added'],
  },
  exampleCaller: 'operator',
  checksWebhookUrls: true,
});
export const listEndpointsRoute = /* @__PURE__ */ route({
  id: 'webhooks-endpoint-list',
  method: 'GET',
  path: '/webhooks/v1/endpoints',
  entry: entry('endpoint-list'),
  input: noInput,
  output: endpointsReply,
  tableAccess: ['Query'],
  summary: 'Webhooks: list the endpoints',
  exampleCaller: 'operator',
});
export const getEndpointRoute = /* @__PURE__ */ route({
  id: 'webhooks-endpoint-get',
  method: 'GET',
  path: '/webhooks/v1/endpoints/{endpointId}',
  entry: entry('endpoint-get'),
  input: endpointPathInput,
  output: endpointReply,
  tableAccess: ['GetItem'],
  summary: 'Webhooks: one endpoint (without its secrets)',
  examplePath: '/webhooks/v1/endpoints/{{webhookEndpointId}}',
  exampleCaller: 'operator',
});
export const updateEndpointRoute = /* @__PURE__ */ route({
  id: 'webhooks-endpoint-update',
  method: 'PUT',
  path: '/webhooks/v1/endpoints/{endpointId}',
  entry: entry('endpoint-update'),
  input: updateEndpointInput,
  output: endpointReply,
  tableAccess: ['UpdateItem'],
  summary: 'Webhooks: change an endpoint (the fields given; null clears a filter; enabled: true enables it again)',
  exampleBody: { description: 'our backend (all events)', eventTypes: [] },
  examplePath: '/webhooks/v1/endpoints/{{webhookEndpointId}}',
  exampleCaller: 'operator',
  checksWebhookUrls: true,
});
export const deleteEndpointRoute = /* @__PURE__ */ route({
  id: 'webhooks-endpoint-delete',
  method: 'DELETE',
  path: '/webhooks/v1/endpoints/{endpointId}',
  entry: entry('endpoint-delete'),
  input: endpointPathInput,
  output: deletedReply,
  tableAccess: ['DeleteItem'],
  summary: 'Webhooks: delete an endpoint',
  examplePath: '/webhooks/v1/endpoints/{{webhookEndpointToDeleteId}}',
  exampleCaller: 'operator',
});
export const rotateSecretRoute = /* @__PURE__ */ route({
  id: 'webhooks-secret-rotate',
  method: 'POST',
  path: '/webhooks/v1/endpoints/{endpointId}/secret/rotate',
  entry: entry('secret-rotate'),
  input: endpointPathInput,
  output: endpointWithSecretReply,
  tableAccess: ['GetItem', 'UpdateItem'],
  summary: 'Webhooks: a new signing secret (the old one keeps signing beside it for 24 hours)',
  examplePath: '/webhooks/v1/endpoints/{{webhookEndpointId}}/secret/rotate',
  exampleCaller: 'operator',
});
export const sendTestRoute = /* @__PURE__ */ route({
  id: 'webhooks-endpoint-test',
  method: 'POST',
  path: '/webhooks/v1/endpoints/{endpointId}/test',
  entry: entry('endpoint-test'),
  input: endpointPathInput,
  output: testReply,
  tableAccess: ['GetItem'],
  summary: 'Webhooks: send the endpoint a webhook.test event',
  examplePath: '/webhooks/v1/endpoints/{{webhookEndpointId}}/test',
  exampleCaller: 'operator',
  sendsWebhookDeliveries: true,
});
export const listAttemptsRoute = /* @__PURE__ */ route({
  id: 'webhooks-attempts-list',
  method: 'GET',
  path: '/webhooks/v1/endpoints/{endpointId}/attempts',
  entry: entry('attempts-list'),
  input: attemptsInput,
  output: attemptsReply,
  tableAccess: ['GetItem', 'Query'],
  summary: 'Webhooks: the latest attempts to an endpoint, newest first (kept 30 days)',
  examplePath: '/webhooks/v1/endpoints/{{webhookEndpointId}}/attempts',
  exampleQuery: 'limit=20',
  exampleCaller: 'operator',
});
export const recoverRoute = /* @__PURE__ */ route({
  id: 'webhooks-endpoint-recover',
  method: 'POST',
  path: '/webhooks/v1/endpoints/{endpointId}/recover',
  entry: entry('endpoint-recover'),
  input: recoverInput,
  output: recoverReply,
  tableAccess: ['GetItem', 'Query'],
  summary: 'Webhooks: send again every event not delivered to the endpoint since a time',
  exampleBody: { since: '2026-01-01T00:00:00Z' },
  examplePath: '/webhooks/v1/endpoints/{{webhookEndpointId}}/recover',
  exampleCaller: 'operator',
  sendsWebhookDeliveries: true,
});
export const resendRoute = /* @__PURE__ */ route({
  id: 'webhooks-delivery-resend',
  method: 'POST',
  path: '/webhooks/v1/endpoints/{endpointId}/deliveries/{eventId}/resend',
  entry: entry('delivery-resend'),
  input: resendInput,
  output: resendReply,
  tableAccess: ['GetItem'],
  summary: 'Webhooks: send one event again to the endpoint (the same webhook-id)',
  examplePath: '/webhooks/v1/endpoints/{{webhookEndpointId}}/deliveries/{{webhookEventId}}/resend',
  exampleCaller: 'operator',
  sendsWebhookDeliveries: true,
});

export const webhooksRoutes: readonly Route[] = [
  createEndpointRoute,
  listEndpointsRoute,
  getEndpointRoute,
  updateEndpointRoute,
  deleteEndpointRoute,
  rotateSecretRoute,
  sendTestRoute,
  listAttemptsRoute,
  recoverRoute,
  resendRoute,
];

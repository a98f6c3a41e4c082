/**
 * The rules of webhook endpoints (docs/webhooks.md): what an endpoint may point at (https with a
 * public name: webhooks/public-address.ts), what it may ask for, its signing secrets and their
 * rotation (the old one signs beside the new one for 24 hours), and an operator's re-sends.
 */
import { ServiceError } from '../../errors';
import { randomId } from '../../lib/ids';
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../../model';
import { checkEndpointUrl, EndpointRefused, nonPublicAddressesNow, type Resolver } from '../../webhooks/public-address';
import { newWebhookSecret } from '../../webhooks/standard-webhooks';
import type { DeliveryMessage, RetryQueue } from './deliveries';

/** How long a rotated secret keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

export interface EndpointStore {
  createEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  getEndpoint(id: string): Promise<WebhookEndpoint | undefined>;
  listEndpoints(): Promise<WebhookEndpoint[]>;
  /** Sets these fields (undefined: removes it); false when there is no such endpoint. */
  updateEndpoint(id: string, changes: Partial<Omit<WebhookEndpoint, 'id' | 'createdAt' | 'secrets'>>): Promise<WebhookEndpoint | undefined>;
  /** Replaces the secrets if they are still `expected` (a rotation racing another fails). */
  replaceSecrets(
    id: string,
    expected: WebhookEndpoint['secrets'],
    secrets: WebhookEndpoint['secrets'],
    updatedAt: string,
  ): Promise<boolean>;
  deleteEndpoint(id: string): Promise<boolean>;
  getDelivery(endpointId: string, eventId: string): Promise<WebhookDelivery | undefined>;
  /** Deliveries of an endpoint not succeeded, of events committed at or after `since`. */
  unsucceededDeliveries(endpointId: string, since: string): Promise<WebhookDelivery[]>;
  listAttempts(endpointId: string, limit: number): Promise<WebhookAttempt[]>;
}

export interface EndpointRules {
  /** The webhook types an endpoint may ask for. */
  knownTypes: readonly string[];
  /** `http://127.0.0.1` allowed (a local development flag, never deployed). */
  allowLocalHttp: boolean;
  nowMs(): number;
  /** How names are resolved (default: the system's); tests give their own. */
  resolve?: Resolver;
}

export interface EndpointInput {
  url?: string;
  description?: string;
  eventTypes?: string[];
  dialect?: string | null;
  roomId?: string | null;
  contactEmail?: string | null;
  enabled?: boolean;
}

/** What the API shows of an endpoint: everything but its secrets. */
export const endpointView = (endpoint: WebhookEndpoint) => {
  const { secrets, ...shown } = endpoint;
  const rotating = secrets.find((secret) => secret.until);
  return { ...shown, ...(rotating ? { previousSecretUntil: rotating.until } : {}) };
};

/** The URL as stored: its form checked, and its name, if it resolves now, resolving to public addresses only. */
async function checkedUrl(text: string, rules: EndpointRules): Promise<string> {
  let url: URL;
  try {
    url = checkEndpointUrl(text, { allowLocalHttp: rules.allowLocalHttp });
  } catch (error) {
    if (error instanceof EndpointRefused) throw new ServiceError('invalid_request', `url: ${error.message}`, { code: 'invalid-url' });
    throw error;
  }
  const inside = await nonPublicAddressesNow(url, { allowLocalHttp: rules.allowLocalHttp, resolve: rules.resolve });
  if (inside.length)
    throw new ServiceError('invalid_request', `url: ${url.hostname} resolves to a non-public address (${inside.join(', ')})`, {
      code: 'invalid-url',
    });
  return url.toString();
}

function checkedTypes(types: readonly string[], rules: EndpointRules): string[] {
  const unknown = types.filter((type) => !rules.knownTypes.includes(type));
  if (unknown.length)
    throw new ServiceError('invalid_request', `eventTypes: unknown webhook type(s) ${unknown.join(', ')} (docs/webhooks.md lists them)`, {
      code: 'invalid-event-type',
    });
  return [...new Set(types)];
}

export async function createEndpoint(input: EndpointInput & { url: string }, store: EndpointStore, rules: EndpointRules) {
  const now = new Date(rules.nowMs()).toISOString();
  const secret = newWebhookSecret();
  const endpoint: WebhookEndpoint = {
    id: `ep_${randomId(20)}`,
    url: await checkedUrl(input.url, rules),
    description: input.description ?? '',
    eventTypes: checkedTypes(input.eventTypes ?? [], rules),
    ...(input.dialect ? { dialect: input.dialect } : {}),
    ...(input.roomId ? { roomId: input.roomId } : {}),
    ...(input.contactEmail ? { contactEmail: input.contactEmail } : {}),
    enabled: input.enabled ?? true,
    ...(input.enabled === false ? { disabledReason: 'operator' as const } : {}),
    secrets: [{ secret }],
    createdAt: now,
    updatedAt: now,
  };
  await store.createEndpoint(endpoint);
  return { endpoint: endpointView(endpoint), secret };
}

export async function requireEndpoint(id: string, store: Pick<EndpointStore, 'getEndpoint'>): Promise<WebhookEndpoint> {
  const endpoint = await store.getEndpoint(id);
  if (!endpoint) throw new ServiceError('not_found', `no webhook endpoint ${id}`, { code: 'endpoint-not-found' });
  return endpoint;
}

export async function updateEndpoint(id: string, input: EndpointInput, store: EndpointStore, rules: EndpointRules) {
  const changes: Parameters<EndpointStore['updateEndpoint']>[1] = { updatedAt: new Date(rules.nowMs()).toISOString() };
  if (input.url !== undefined) changes.url = await checkedUrl(input.url, rules);
  if (input.description !== undefined) changes.description = input.description;
  if (input.eventTypes !== undefined) changes.eventTypes = checkedTypes(input.eventTypes, rules);
  if (input.dialect !== undefined) changes.dialect = input.dialect ?? undefined;
  if (input.roomId !== undefined) changes.roomId = input.roomId ?? undefined;
  if (input.contactEmail !== undefined) changes.contactEmail = input.contactEmail ?? undefined;
  if (input.enabled === true) Object.assign(changes, { enabled: true, disabledReason: undefined, failingSince: undefined });
  if (input.enabled === false) Object.assign(changes, { enabled: false, disabledReason: 'operator' });
  const updated = await store.updateEndpoint(id, changes);
  if (!updated) throw new ServiceError('not_found', `no webhook endpoint ${id}`, { code: 'endpoint-not-found' });
  return { endpoint: endpointView(updated) };
}

/** A new current secret; the one it replaces signs beside it for ROTATION_OVERLAP_MS (an older rotated one stops). */
export async function rotateSecret(id: string, store: EndpointStore, rules: Pick<EndpointRules, 'nowMs'>) {
  const endpoint = await requireEndpoint(id, store);
  const nowMs = rules.nowMs();
  const secret = newWebhookSecret();
  const current = endpoint.secrets.find((entry) => !entry.until);
  const secrets = [
    { secret },
    ...(current ? [{ secret: current.secret, until: new Date(nowMs + ROTATION_OVERLAP_MS).toISOString() }] : []),
  ];
  if (!(await store.replaceSecrets(id, endpoint.secrets, secrets, new Date(nowMs).toISOString())))
    throw new ServiceError('conflict', 'the secret was rotated meanwhile: try again', { code: 'rotation-conflict' });
  return { endpoint: endpointView({ ...endpoint, secrets }), secret };
}

export async function deleteEndpoint(id: string, store: EndpointStore) {
  if (!(await store.deleteEndpoint(id))) throw new ServiceError('not_found', `no webhook endpoint ${id}`, { code: 'endpoint-not-found' });
  return { deleted: id };
}

const messageOf = (delivery: WebhookDelivery, force: boolean): DeliveryMessage => ({
  endpointId: delivery.endpointId,
  eventId: delivery.eventId,
  type: delivery.type,
  body: delivery.body,
  eventTime: delivery.eventTime,
  step: 0,
  retry: false,
  ...(force ? { force: true } : {}),
});

/** A re-send goes only to an endpoint that is enabled (an operator enables it again first). */
async function requireEnabledEndpoint(id: string, store: Pick<EndpointStore, 'getEndpoint'>): Promise<void> {
  if (!(await requireEndpoint(id, store)).enabled)
    throw new ServiceError('conflict', `webhook endpoint ${id} is disabled: enable it first`, { code: 'endpoint-disabled' });
}

/** Every event not delivered to the endpoint since `since`, sent again (one try each). */
export async function recoverDeliveries(id: string, since: string, store: EndpointStore, queue: RetryQueue) {
  await requireEnabledEndpoint(id, store);
  const deliveries = await store.unsucceededDeliveries(id, since);
  for (const delivery of deliveries) await queue.schedule(messageOf(delivery, false), 0);
  return { endpointId: id, since, resent: deliveries.length };
}

/** One event sent again to the endpoint, even if it was delivered before (same webhook-id). */
export async function resendDelivery(id: string, eventId: string, store: EndpointStore, queue: RetryQueue) {
  await requireEnabledEndpoint(id, store);
  const delivery = await store.getDelivery(id, eventId);
  if (!delivery) throw new ServiceError('not_found', `no delivery of event ${eventId} to ${id}`, { code: 'delivery-not-found' });
  await queue.schedule(messageOf(delivery, true), 0);
  return { endpointId: id, eventId, resent: true };
}

/** A `webhook.test` event to the endpoint alone (whatever types it asked for). */
export async function sendTestEvent(id: string, store: EndpointStore, queue: RetryQueue, rules: Pick<EndpointRules, 'nowMs'>) {
  await requireEnabledEndpoint(id, store);
  const time = new Date(rules.nowMs()).toISOString();
  const eventId = `test_${randomId(24)}`;
  const body = JSON.stringify({ type: 'webhook.test', timestamp: time, data: { endpointId: id } });
  await queue.schedule({ endpointId: id, eventId, type: 'webhook.test', body, eventTime: time, step: 0, retry: false }, 0);
  return { endpointId: id, eventId };
}

export const listAttempts = async (id: string, limit: number, store: EndpointStore) => {
  await requireEndpoint(id, store);
  return { attempts: await store.listAttempts(id, limit) };
};

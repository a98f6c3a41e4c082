/**
 * Delivering events to webhook endpoints (docs/webhooks.md): one try per endpoint per event at a
 * time, signed with Standard Webhooks v1, the same `webhook-id` (the event's id) on every try. Only
 * a 2xx is success; a failure is tried again on the retry schedule, 410 disables the endpoint at
 * once, and 5 days of failing disable it too (with an event, whose e-mail tells its contact).
 *
 * Exactly one success per endpoint and event, whatever the queue hands out twice: a try first
 * claims the delivery (a conditional write: not yet succeeded, no other try under way), and writes
 * its outcome with the attempt's log line in one transaction.
 */
import type { WebhookDeliveryMessage as DeliveryMessage, WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../../model';
import type { ClaimOutcome } from '../../store/webhooks';
import type { WebhookSender } from '../../webhooks/http-sender';
import type { WebhookEvent } from '../../webhooks/webhook-payloads';
import { activeSecrets } from './signing-secrets';
import { DISABLE_AFTER_FAILING_MS, parseRetryAfter, retryDelaySeconds } from './retry-schedule';

export type { WebhookDeliveryMessage as DeliveryMessage } from '../../model';

export interface RetryQueue {
  /** Hands the message to the deliverer again after `delaySeconds`. */
  schedule(message: DeliveryMessage, delaySeconds: number): Promise<void>;
}

export interface DeliveryStore {
  getEndpoint(id: string): Promise<WebhookEndpoint | undefined>;
  /** Starts a try: the delivery not yet succeeded (unless forced) and no other try under way before `nowMs`. */
  claimDelivery(message: DeliveryMessage, nowMs: number, leaseUntil: number): Promise<ClaimOutcome>;
  /** The try's outcome on the delivery, and its log line, together. */
  finishDelivery(attempt: WebhookAttempt, status: WebhookDelivery['status']): Promise<void>;
  /** Marks the endpoint failing since `since`, unless it already is. */
  markFailing(endpointId: string, since: string): Promise<void>;
  clearFailing(endpointId: string): Promise<void>;
  /** Disables an enabled endpoint, with its `Webhook Endpoint Disabled` event; false if it was not enabled. */
  disableEndpoint(endpoint: WebhookEndpoint, reason: 'gone' | 'failing'): Promise<boolean>;
}

export interface DeliveryDependencies {
  store: DeliveryStore;
  sender: WebhookSender;
  retries: RetryQueue;
  nowMs(): number;
  /** Signs (the headers of) one try. */
  sign(secrets: readonly string[], id: string, timestampSeconds: number, body: string): Record<string, string>;
  random?: () => number;
  /** How long a claimed try holds the delivery: above the send timeout, so that no copy overlaps a live try. */
  leaseMs?: number;
  /** Told of each try's outcome (metrics, logs: ids and outcomes only). */
  onAttempt?(attempt: WebhookAttempt, endpoint: WebhookEndpoint): void;
  onDisabled?(endpoint: WebhookEndpoint, reason: 'gone' | 'failing'): void;
}

export type DeliveryResult =
  | { outcome: 'succeeded' | 'retrying' | 'failed'; attempt: WebhookAttempt }
  | { outcome: 'skipped'; why: 'no-endpoint' | 'disabled' | 'succeeded' | 'in-flight' }
  /** Handed to the retry queue (the slow lane) for an endpoint already failing. */
  | { outcome: 'queued' };

const DEFAULT_LEASE_MS = 60_000;
const RESPONSE_LOG_BYTES = 1024;

/** The first 1 KB of an answer, as the log keeps it. */
const logged = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  return bytes.length <= RESPONSE_LOG_BYTES
    ? text
    : bytes
        .subarray(0, RESPONSE_LOG_BYTES)
        .toString('utf8')
        .replace(/\uFFFD$/, '');
};

/** Tries one delivery once and decides what comes next (`known`: the endpoint as just read, else it is read now). */
export async function deliverOnce(message: DeliveryMessage, deps: DeliveryDependencies, known?: WebhookEndpoint): Promise<DeliveryResult> {
  const endpoint = known ?? (await deps.store.getEndpoint(message.endpointId));
  if (!endpoint) return { outcome: 'skipped', why: 'no-endpoint' };
  if (!endpoint.enabled) return { outcome: 'skipped', why: 'disabled' };
  const started = deps.nowMs();
  const claim = await deps.store.claimDelivery(message, started, started + (deps.leaseMs ?? DEFAULT_LEASE_MS));
  if (!claim.claimed) return { outcome: 'skipped', why: claim.why };
  const { delivery } = claim;
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'invites-webhooks/1',
    ...deps.sign(activeSecrets(endpoint, started), message.eventId, Math.floor(started / 1000), delivery.body),
  };
  const result = await deps.sender.post(endpoint.url, headers, delivery.body);
  const succeeded = result.kind === 'answered' && result.status >= 200 && result.status < 300;
  const attempt: WebhookAttempt = {
    endpointId: endpoint.id,
    eventId: message.eventId,
    try: delivery.attempts,
    at: new Date(started).toISOString(),
    outcome: succeeded ? 'succeeded' : result.kind === 'answered' ? 'failed' : result.kind,
    ...(result.kind === 'answered' ? { status: result.status } : {}),
    latencyMs: result.latencyMs,
    response: logged(result.response),
  };
  deps.onAttempt?.(attempt, endpoint);

  if (succeeded) {
    await deps.store.finishDelivery(attempt, 'succeeded');
    if (endpoint.failingSince) await deps.store.clearFailing(endpoint.id);
    return { outcome: 'succeeded', attempt };
  }
  const gone = result.kind === 'answered' && result.status === 410;
  const nextStep = message.step + 1;
  const delay =
    gone || !message.retry
      ? undefined
      : retryDelaySeconds(
          nextStep,
          result.kind === 'answered' ? { status: result.status, retryAfterSeconds: parseRetryAfter(result.retryAfter, deps.nowMs()) } : {},
          deps.random,
        );
  await deps.store.finishDelivery(attempt, delay === undefined ? 'failed' : 'pending');
  if (gone) {
    if (await deps.store.disableEndpoint(endpoint, 'gone')) deps.onDisabled?.(endpoint, 'gone');
    return { outcome: 'failed', attempt };
  }
  if (!endpoint.failingSince) await deps.store.markFailing(endpoint.id, attempt.at);
  else if (started - Date.parse(endpoint.failingSince) >= DISABLE_AFTER_FAILING_MS) {
    if (await deps.store.disableEndpoint(endpoint, 'failing')) deps.onDisabled?.(endpoint, 'failing');
    return { outcome: 'failed', attempt };
  }
  if (delay === undefined) return { outcome: 'failed', attempt };
  await deps.retries.schedule({ ...message, step: nextStep, force: false }, delay);
  return { outcome: 'retrying', attempt };
}

/** Whether an endpoint wants an event (its types, dialect and room filters). */
export const wants = (endpoint: WebhookEndpoint, event: Pick<WebhookEvent, 'type' | 'dialect' | 'roomId'>): boolean =>
  endpoint.enabled &&
  (endpoint.eventTypes.length === 0 || endpoint.eventTypes.includes(event.type)) &&
  (endpoint.dialect === undefined || endpoint.dialect === event.dialect) &&
  (endpoint.roomId === undefined || endpoint.roomId === event.roomId);

/** The first try's message of one event to one endpoint. */
export const firstTry = (event: WebhookEvent, endpointId: string): DeliveryMessage => ({
  endpointId,
  eventId: event.id,
  type: event.type,
  body: event.body,
  eventTime: event.time,
  step: 0,
  retry: true,
});

/**
 * One event to every endpoint that wants it, all at once, so that a slow endpoint delays no other.
 * An endpoint already failing gets its first try from the retry queue instead (the slow lane), so
 * that it holds up no healthy endpoint's deliveries here.
 */
export async function deliverEvent(
  event: WebhookEvent,
  endpoints: readonly WebhookEndpoint[],
  deps: DeliveryDependencies,
): Promise<DeliveryResult[]> {
  const wanting = endpoints.filter((endpoint) => wants(endpoint, event));
  return Promise.all(
    wanting.map(async (endpoint): Promise<DeliveryResult> => {
      if (endpoint.failingSince) {
        await deps.retries.schedule(firstTry(event, endpoint.id), 0);
        return { outcome: 'queued' };
      }
      return deliverOnce(firstTry(event, endpoint.id), deps, endpoint);
    }),
  );
}

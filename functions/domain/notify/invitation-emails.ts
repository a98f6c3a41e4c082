/**
 * The notifier's rules: the e-mail an event asks for comes from its dialect's maker (registered
 * with the core: functions/registry), which also refuses one for an invitation no longer the one
 * the event told of; here, for every dialect: at most one e-mail per event id, never to a
 * suppressed address.
 */
import type { Mailer, OutgoingEmail } from '../../email/mailer';
import type { ClaimOutcome } from '../../store/email-deliveries';
import type { Suppression } from '../../store/suppressions';

export type { Mailer, OutgoingEmail } from '../../email/mailer';

/** An event as the notifier receives it (EventBridge's envelope; our id travels in the detail too). */
export interface NotifiedEvent {
  id: string;
  'detail-type': string;
  detail: Record<string, unknown>;
}

/** What the notifier itself keeps: suppressions and each event's delivery (a dialect's maker reads what its e-mail needs). */
export interface NotifierStore {
  findSuppression(email: string): Promise<Suppression | undefined>;
  claimDelivery(eventId: string, nowSeconds: number, leaseSeconds: number): Promise<ClaimOutcome>;
  markDelivered(eventId: string, outcome: { messageId?: string; skipped?: string }): Promise<void>;
  releaseDelivery(eventId: string): Promise<void>;
}

export interface NotifierOptions {
  /** Where the links in a Rooms e-mail go: `{groupId}`, `{token}`, `{action}` (accept | reject), each URL-encoded. Default: the API's own links. */
  appUrlTemplate?: string;
  nowSeconds(): number;
  /** How long a claim holds before another delivery of the event may take it over. */
  leaseSeconds: number;
}

export type DeliveryOutcome =
  | { outcome: 'sent'; kind: OutgoingEmail['kind']; messageId?: string }
  | { outcome: 'duplicate' }
  | { outcome: 'suppressed'; kind: OutgoingEmail['kind'] }
  | { outcome: 'skipped'; reason: string };

/** Another delivery of the same event holds the claim: retried later, when it has sent (or its lease ended). */
export class DeliveryInProgress extends Error {
  constructor() {
    super('another delivery of this event is sending it');
    this.name = 'DeliveryInProgress';
  }
}

/** A dialect's e-mail for one event type (registered: functions/registry), or why none; it reads what it needs itself. */
export type EmailMaker = (event: NotifiedEvent, options: NotifierOptions) => Promise<OutgoingEmail | { skip: string }>;

/** The e-mail makers of registered dialects, by event type. */
export type EmailMakers = (type: string) => EmailMaker | undefined;

/** The e-mail an event asks for, or why none. */
export async function emailFor(
  event: NotifiedEvent,
  options: NotifierOptions,
  makers: EmailMakers,
): Promise<OutgoingEmail | { skip: string }> {
  const maker = makers(event['detail-type']);
  return maker ? maker(event, options) : { skip: `not an e-mail event (${event['detail-type']})` };
}

/** One event: at most one e-mail, whatever number of times the event is delivered. */
export async function deliverInvitationEmail(
  event: NotifiedEvent,
  store: NotifierStore,
  mailer: Mailer,
  options: NotifierOptions,
  makers: EmailMakers,
): Promise<DeliveryOutcome> {
  const email = await emailFor(event, options, makers);
  if ('skip' in email) return { outcome: 'skipped', reason: email.skip };
  if (await store.findSuppression(email.to)) return { outcome: 'suppressed', kind: email.kind };
  const claim = await store.claimDelivery(event.id, options.nowSeconds(), options.leaseSeconds);
  if (claim === 'sent') return { outcome: 'duplicate' };
  if (claim === 'in-progress') throw new DeliveryInProgress();
  let messageId: string | undefined;
  try {
    ({ messageId } = await mailer.send(email));
  } catch (error) {
    await store.releaseDelivery(event.id);
    throw error;
  }
  await store.markDelivered(event.id, { messageId });
  return { outcome: 'sent', kind: email.kind, messageId };
}

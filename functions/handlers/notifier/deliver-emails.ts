/**
 * The one path from invitation events to e-mails, run by the deployed notifier (Lambda behind the
 * bus rule's SQS queue) and by `npm start` (fed from the outbox) alike: the rules in
 * domain/notify, the table for state, SES to send, a metric per outcome.
 */
import {
  DeliveryInProgress,
  deliverInvitationEmail,
  type EmailMakers,
  type DeliveryOutcome,
  type Mailer,
  type NotifiedEvent,
  type NotifierOptions,
  type NotifierStore,
} from '../../domain/notify/invitation-emails';
import { mailerFromEnvironment } from '../../email/ses-mailer';
import { emailMakerFor } from '../../registry';
import { clock } from '../../lib/clock';
import { countMetric } from '../../observability/telemetry';
import { claimDelivery, markDelivered, releaseDelivery } from '../../store/email-deliveries';
import { findSuppression } from '../../store/suppressions';

export const notifierStore: NotifierStore = {
  findSuppression,
  claimDelivery,
  markDelivered,
  releaseDelivery,
};

export interface Notifier {
  deliver(event: NotifiedEvent): Promise<DeliveryOutcome>;
}

/** Long enough for one SES call with its retries; a claim older than this is taken over. */
const LEASE_SECONDS = 60;

export const notifierOptions = (env: NodeJS.ProcessEnv = process.env): NotifierOptions => ({
  appUrlTemplate: env.INVITATION_APP_URL || undefined,
  nowSeconds: () => clock.nowSeconds(),
  leaseSeconds: LEASE_SECONDS,
});

export function notifier(
  store: NotifierStore = notifierStore,
  mailer: Mailer = mailerFromEnvironment(),
  options: NotifierOptions = notifierOptions(),
  /** Each event type's e-mail: the registered dialects' makers (functions/registry). */
  makers: EmailMakers = emailMakerFor,
): Notifier {
  return {
    async deliver(event) {
      let outcome: DeliveryOutcome;
      try {
        outcome = await deliverInvitationEmail(event, store, mailer, options, makers);
      } catch (error) {
        if (!(error instanceof DeliveryInProgress)) countMetric('EmailSendFailures');
        throw error;
      }
      countMetric(
        ({ sent: 'EmailsSent', duplicate: 'EmailsDuplicate', suppressed: 'EmailsSuppressed', skipped: 'EmailsSkipped' } as const)[
          outcome.outcome
        ],
      );
      return outcome;
    },
  };
}

/** Our event from what the bus delivers: EventBridge's envelope, our id in `detail.eventId`. */
export function notifiedEvent(busEvent: { id?: string; 'detail-type'?: string; detail?: Record<string, unknown> }): NotifiedEvent {
  const { eventId, ...detail } = busEvent.detail ?? {};
  const id = typeof eventId === 'string' ? eventId : busEvent.id;
  if (!id || !busEvent['detail-type']) throw new Error('not an invites event (no id or detail-type)');
  return { id, 'detail-type': busEvent['detail-type'], detail };
}

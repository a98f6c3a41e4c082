/**
 * SES's bounce and complaint events (configuration set → EventBridge, source `aws.ses`) as
 * suppressions: a permanent bounce or any complaint suppresses the address; a transient bounce
 * (mailbox full, throttled) does not, SES retries those itself.
 */
import type { Suppression } from '../../store/suppressions';

interface SesEventDetail {
  eventType?: string;
  bounce?: { bounceType?: string; bounceSubType?: string; bouncedRecipients?: { emailAddress?: string }[]; timestamp?: string };
  complaint?: { complaintFeedbackType?: string; complainedRecipients?: { emailAddress?: string }[]; timestamp?: string };
}

export function suppressionsFrom(detail: SesEventDetail, nowIso: string): Suppression[] {
  if (detail.eventType === 'Bounce' && detail.bounce?.bounceType === 'Permanent') {
    const why = `${detail.bounce.bounceType}/${detail.bounce.bounceSubType ?? 'General'}`;
    return (detail.bounce.bouncedRecipients ?? []).flatMap(({ emailAddress }) =>
      emailAddress
        ? [{ email: emailAddress.toLowerCase(), reason: 'BOUNCE' as const, since: detail.bounce?.timestamp ?? nowIso, detail: why }]
        : [],
    );
  }
  if (detail.eventType === 'Complaint') {
    const why = detail.complaint?.complaintFeedbackType ?? 'complaint';
    return (detail.complaint?.complainedRecipients ?? []).flatMap(({ emailAddress }) =>
      emailAddress
        ? [{ email: emailAddress.toLowerCase(), reason: 'COMPLAINT' as const, since: detail.complaint?.timestamp ?? nowIso, detail: why }]
        : [],
    );
  }
  return [];
}

/**
 * The notifier's items: one delivery record per event (sent at most once), the suppression list
 * (addresses that bounced or complained), Rocket.Chat's e-mail settings, and one counter per
 * caller and day of the invitation e-mails they asked for.
 */
import { key } from './codec';

export const emailKeys = {
  /** One per event id: claimed before the send, marked sent after it (conditional writes). */
  emailDelivery: (eventId: string) => key(`DELIVERY#${eventId}`, 'DELIVERY'),
  /** All suppressions in one partition: the notifier reads one item, the admin CLI lists them. */
  emailSuppression: (email: string) => key('SUPPRESSION', `EMAIL#${email.toLowerCase()}`),
  emailSuppressionPartition: () => 'SUPPRESSION',
  emailSuppressionPrefix: () => 'EMAIL#',
  /** Rocket.Chat settings the e-mails use (Invitation_Subject, …), set with the admin CLI. */
  setting: (id: string) => key('SETTING', id),
  settingPartition: () => 'SETTING',
  /** A caller's invitation e-mails on one UTC day (sendInvitationEmail's daily cap). */
  emailQuota: (userId: string, day: string) => key(`EMAILQUOTA#${userId}`, `DAY#${day}`),
} as const;

/** What a mailer sends and how it is called (SES deployed and locally: ses-mailer.ts; fakes in tests). */
import type { RenderedEmail } from './render';

export interface OutgoingEmail extends RenderedEmail {
  to: string;
  /** Which kind of e-mail (an SES message tag, and the metrics' dimension): `rooms-invitation`, `rocketchat-invitation`, or a registered dialect's. */
  kind: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<{ messageId?: string }>;
}

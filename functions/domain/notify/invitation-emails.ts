/**
 * The notifier's rules: which invitation events become an e-mail, to whom, with what; at most one
 * e-mail per event id; never to a suppressed address; never for an invitation that is no longer
 * the one the event told of (revoked, answered, renewed since: the revoke of a queued e-mail).
 */
import type { EventType } from '../../events/catalogue';
import type { Mailer, OutgoingEmail } from '../../email/mailer';
import { fillBracketPlaceholders, escapeHtml, htmlToText, oneLine, readableUtc, renderEmail } from '../../email/render';

export type { Mailer, OutgoingEmail } from '../../email/mailer';
import { inviteLinkParagraph } from '../../dialects/rocketchat/email/rocketchat-invitation';
import { roomsInvitationTemplate } from '../../dialects/quranreflect/email/rooms-invitation';
import { hashToken } from '../../lib/ids';
import type { ClaimOutcome } from '../../store/email-deliveries';
import type { RoomsInvitationReads } from '../../dialects/quranreflect/store/notification-reads';
import type { Suppression } from '../../store/suppressions';
import { EMAIL_SETTING_IDS, withDefaults } from '../../dialects/rocketchat/domain/email-settings';

/** An event as the notifier receives it (EventBridge's envelope; our id travels in the detail too). */
export interface NotifiedEvent {
  id: string;
  'detail-type': string;
  detail: Record<string, unknown>;
}

/** The event types the notifier's rule matches. */
export const NOTIFIED_TYPES = ['Invitation Created', 'Invitation Email Requested'] as const satisfies readonly EventType[];

export interface NotifierStore {
  readRoomsInvitation(groupId: string, invitee: { userNumber: number } | { email: string }): Promise<RoomsInvitationReads>;
  readSettings(ids: readonly string[]): Promise<Map<string, string>>;
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

/** A registered dialect's e-mail for one event type (functions/registry), or why none: it reads what it needs itself. */
export type EmailMaker = (event: NotifiedEvent, options: NotifierOptions) => Promise<OutgoingEmail | { skip: string }>;

/** The e-mail makers of registered dialects, by event type. */
export type EmailMakers = (type: string) => EmailMaker | undefined;

/** The e-mail an event asks for, or why none. */
export async function emailFor(
  event: NotifiedEvent,
  store: NotifierStore,
  options: NotifierOptions,
  makers: EmailMakers = () => undefined,
): Promise<OutgoingEmail | { skip: string }> {
  if (event['detail-type'] === 'Invitation Created') return roomsInvitationEmail(event.detail, store, options);
  if (event['detail-type'] === 'Invitation Email Requested') return rocketChatInvitationEmail(event.detail, store);
  const maker = makers(event['detail-type']);
  if (maker) return maker(event, options);
  return { skip: `not an e-mail event (${event['detail-type']})` };
}

async function roomsInvitationEmail(
  detail: Record<string, unknown>,
  store: NotifierStore,
  options: NotifierOptions,
): Promise<OutgoingEmail | { skip: string }> {
  const groupId = String(detail.roomId);
  const invitee = detail.invitee as { userId?: string; email?: string };
  const acceptUrl = String(detail.acceptUrl);
  // The token as the event carries it. An event published before it did (still queued across a
  // deploy) names it only in its link: read from there, so that no such e-mail is lost.
  const token = typeof detail.token === 'string' ? detail.token : (new URL(acceptUrl).searchParams.get('token') ?? '');
  const reads = await store.readRoomsInvitation(
    groupId,
    invitee.email !== undefined ? { email: invitee.email } : { userNumber: Number(invitee.userId) },
  );
  // Revoked, answered, renewed (a newer e-mail carries the new token) or expired: this link is dead.
  if (!reads.invitation || reads.invitation.tokenHash !== hashToken(token))
    return { skip: 'the invitation is no longer pending with this token' };
  if (!reads.email) return { skip: 'the invitee has no e-mail address' };
  if (!reads.group) return { skip: 'the group is gone' };
  const links = options.appUrlTemplate
    ? {
        acceptUrl: appUrl(options.appUrlTemplate, groupId, token, 'accept'),
        rejectUrl: appUrl(options.appUrlTemplate, groupId, token, 'reject'),
      }
    : { acceptUrl, rejectUrl: String(detail.rejectUrl) };
  const inviter = reads.invitation.lastInvitedBy;
  const rendered = renderEmail(roomsInvitationTemplate, {
    groupName: reads.group.name,
    inviterName: inviter.username,
    expiresOn: readableUtc(String(detail.expiresAt)),
    ...links,
  });
  return { ...rendered, to: reads.email, kind: 'rooms-invitation' };
}

const appUrl = (template: string, groupId: string, token: string, action: 'accept' | 'reject') =>
  template.replace(/\{(groupId|token|action)\}/g, (_m, name: string) => encodeURIComponent({ groupId, token, action }[name as 'groupId']));

async function rocketChatInvitationEmail(detail: Record<string, unknown>, store: NotifierStore): Promise<OutgoingEmail> {
  const settings = withDefaults(await store.readSettings(EMAIL_SETTING_IDS));
  const email = String(detail.email);
  const inviteUrl = typeof detail.inviteUrl === 'string' ? detail.inviteUrl : undefined;
  const body =
    inviteUrl && !settings.Invitation_Email.includes('[Invite_URL]')
      ? settings.Invitation_Email + inviteLinkParagraph
      : settings.Invitation_Email;
  const data = { Site_Name: settings.Site_Name, Site_URL: settings.Site_URL, email, ...(inviteUrl ? { Invite_URL: inviteUrl } : {}) };
  const html = fillBracketPlaceholders(settings.Email_Header + body + settings.Email_Footer, data, escapeHtml);
  return {
    to: email,
    kind: 'rocketchat-invitation',
    subject: oneLine(fillBracketPlaceholders(settings.Invitation_Subject, data, (value) => value)),
    html,
    text: htmlToText(html),
  };
}

/** One event: at most one e-mail, whatever number of times the event is delivered. */
export async function deliverInvitationEmail(
  event: NotifiedEvent,
  store: NotifierStore,
  mailer: Mailer,
  options: NotifierOptions,
  makers?: EmailMakers,
): Promise<DeliveryOutcome> {
  const email = await emailFor(event, store, options, makers);
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

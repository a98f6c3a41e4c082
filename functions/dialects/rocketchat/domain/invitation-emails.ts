/**
 * POST /api/v1/sendInvitationEmail (Rocket.Chat 7.x `sendInvitationEmail`): checks in upstream's
 * order (bulk-register-user, valid addresses, a subject), then one `Invitation Email Requested`
 * event per distinct address, which the notifier sends. Beyond upstream: addresses are compared
 * case-insensitively, `inviteId` names a room's invite link for the `[Invite_URL]` placeholder,
 * and one caller's e-mails per UTC day are capped (setting Invitation_Email_Daily_Limit).
 */
import { ServiceError } from '../../../errors';
import { eventNote } from '../../../events/catalogue';
import { clock } from '../../../lib/clock';
import type { EventNote, RoomInvite, User } from '../../../model';
import { putEventNoteList } from '../../../store/event-notes';
import { releaseEmails, reserveEmails } from '../store/email-quota';
import { getInviteLinkByHash, getInviteLinkByToken, getLinkPointer } from '../store/invite-links';
import { invitationTokenKey } from '../../../secrets/invitation-token-key';
import { readStoredGrant } from '../store/permissions';
import { getRoom } from '../store/rocketchat-rooms';
import { readSettings } from '../store/settings';
import { withDefaults } from './email-settings';
import { checkLink, type InviteLinkStore, invalidToken, inviteUrl, linkNamedBy, tokenOf } from './invite-links';
import { currentPermissionRoles } from './permissions';

export interface InvitationEmailStore {
  readStoredGrant: InviteLinkStore['readStoredGrant'];
  getLinkPointer: InviteLinkStore['getLinkPointer'];
  getInviteLinkByHash(tokenHash: string): Promise<RoomInvite | undefined>;
  getInviteLinkByToken: InviteLinkStore['getInviteLinkByToken'];
  getRoom: InviteLinkStore['getRoom'];
  tokenKey: InviteLinkStore['tokenKey'];
  readSettings(ids: readonly string[]): Promise<Map<string, string>>;
  reserveEmails(userId: string, day: string, count: number, cap: number, expiresAtSeconds: number): Promise<boolean>;
  releaseEmails(userId: string, day: string, count: number): Promise<void>;
  putEventNoteList(notes: readonly EventNote[], transaction: string): Promise<void>;
}

const dynamoStore: InvitationEmailStore = {
  readStoredGrant,
  getLinkPointer,
  getInviteLinkByHash,
  getInviteLinkByToken,
  getRoom,
  tokenKey: invitationTokenKey,
  readSettings,
  reserveEmails,
  releaseEmails,
  putEventNoteList,
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DAY_SECONDS = 86_400;

const sendFailed = (message: string) =>
  new ServiceError('invalid_request', message, { code: 'error-email-send-failed', rocketChatErrorOnly: true });

/** Valid addresses, trimmed, each once whatever its case (the first spelling kept). */
export function distinctAddresses(emails: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const raw of emails) {
    const email = raw.trim();
    if (EMAIL.test(email) && !seen.has(email.toLowerCase())) seen.set(email.toLowerCase(), email);
  }
  return [...seen.values()];
}

/**
 * The URL of the link an `inviteId` (the `_id` findOrCreateInvite answered) names, if a user could
 * use it now (validateInviteToken's checks and errors). Its token is rebuilt with the key; a
 * legacy link, whose token is kept only as a hash, cannot be mailed (`error-invalid-token`).
 */
async function linkToMail(inviteId: string, store: InvitationEmailStore): Promise<string> {
  const named = await linkNamedBy(inviteId, store);
  // A pointer names the room too: link and room are read at once.
  const [found, room] =
    named && 'pointer' in named
      ? await Promise.all([store.getInviteLinkByHash(named.pointer.tokenHash), store.getRoom(named.pointer.rid)])
      : [named?.link, named && (await store.getRoom(named.link.rid))];
  const token = await tokenOf(checkLink(found, room).invite, store);
  if (!token) throw invalidToken();
  return inviteUrl(token);
}

export async function sendInvitationEmail(
  caller: User,
  input: { emails: string[]; inviteId?: string },
  store: InvitationEmailStore = dynamoStore,
) {
  // The named link is read alongside the grant and the settings (one round trip fewer); its
  // verdict is taken only after upstream's earlier checks, so their errors keep their order.
  const linkCheck = input.inviteId === undefined ? undefined : linkToMail(input.inviteId, store);
  // Handled here so an earlier refusal leaves no unhandled rejection; awaiting it below still throws.
  linkCheck?.catch(() => undefined);
  const [roles, stored] = await Promise.all([
    currentPermissionRoles('bulk-register-user', store),
    store.readSettings(['Invitation_Subject', 'Invitation_Email_Daily_Limit']),
  ]);
  if (!caller.roles.some((role) => roles.includes(role))) {
    throw new ServiceError('forbidden', 'Not allowed', { code: 'error-not-allowed', rocketChatErrorOnly: true });
  }
  const addresses = distinctAddresses(input.emails);
  if (addresses.length === 0) throw sendFailed('No valid email addresses');
  const settings = withDefaults(stored);
  if (!settings.Invitation_Subject.trim()) throw sendFailed('No subject');
  // The link must be one a user could use now (validateInviteToken's checks and errors).
  const url = linkCheck === undefined ? undefined : await linkCheck;

  const nowSeconds = clock.nowSeconds();
  const day = new Date(nowSeconds * 1000).toISOString().slice(0, 10);
  const dayEnds = Math.floor(nowSeconds / DAY_SECONDS + 1) * DAY_SECONDS;
  const cap = Math.max(0, Math.floor(Number(settings.Invitation_Email_Daily_Limit) || 0));
  if (!(await store.reserveEmails(caller._id, day, addresses.length, cap, dayEnds + DAY_SECONDS))) {
    throw new ServiceError('rate_limited', `Daily invitation e-mail limit reached (${cap} a day)`, {
      retryAfterSeconds: dayEnds - nowSeconds,
    });
  }
  const notes = addresses.map((email) =>
    eventNote('Invitation Email Requested', {
      dialect: 'rocketchat',
      email,
      requestedBy: { userId: caller._id },
      ...(url ? { inviteUrl: url } : {}),
    }),
  );
  try {
    await store.putEventNoteList(notes, 'invitation-emails');
  } catch (error) {
    // Nothing was recorded: the caller's day keeps its room (best effort; the error is the answer).
    await store.releaseEmails(caller._id, day, addresses.length).catch(() => undefined);
    throw error;
  }
  return {};
}

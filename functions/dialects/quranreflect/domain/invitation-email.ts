/**
 * The e-mail of `Invitation Created`: to the invitee (an account's address, or the address
 * invited), naming the group and the inviter, with the accept and reject links — the API's own, or
 * the app's (INVITATION_APP_URL). None for an invitation that is no longer the one the event told
 * of (revoked, answered, renewed since: the revoke of a queued e-mail).
 */
import type { EmailMaker } from '../../../domain/notify/invitation-emails';
import { readableUtc, renderEmail } from '../../../email/render';
import { hashToken } from '../../../lib/ids';
import { roomsInvitationTemplate } from '../email/rooms-invitation';
import { type RoomsInvitationReads, readRoomsInvitation } from '../store/notification-reads';

export interface RoomsInvitationEmailStore {
  readRoomsInvitation(groupId: string, invitee: { userNumber: number } | { email: string }): Promise<RoomsInvitationReads>;
}

export const roomsInvitationEmail =
  (store: RoomsInvitationEmailStore = { readRoomsInvitation }): EmailMaker =>
  async ({ detail }, options) => {
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
  };

const appUrl = (template: string, groupId: string, token: string, action: 'accept' | 'reject') =>
  template.replace(/\{(groupId|token|action)\}/g, (_m, name: string) => encodeURIComponent({ groupId, token, action }[name as 'groupId']));

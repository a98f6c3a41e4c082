/**
 * Invitations that arrive: the shared service (`npm start`) sends them to its local SES
 * (`aws-ses-v2-local`), and the e-mail's link is what the invitee uses. Rooms invitations by
 * e-mail through @quranjs/api; Rocket.Chat's sendInvitationEmail with its settings; resend; and,
 * with the notifier run here against the same table and SES, one e-mail per event id, none to a
 * suppressed address, none for a revoked invitation.
 */
import { createPublicClient } from '@quranjs/api/public';
import { beforeAll, describe, expect, test } from 'vitest';
import { addEmailSuppression, clearEmailSuppression, listEmailSuppressions } from '../../admin/commands';
import { resendInvitation, revokeInvitation } from '../../functions/dialects/quranreflect/admin';
import { setEmailSetting } from '../../functions/dialects/rocketchat/admin';
import { sesMailer } from '../../functions/email/ses-mailer';
import { notifier, notifierOptions, notifierStore } from '../../functions/handlers/notifier/deliver-emails';
import * as fixtures from '../support/fixtures';
import { apiUrl, request } from '../support/http';
import { latestInvitation } from '../support/outbox';
import { acceptToken, sesUrl, storedEmails, waitForEmails } from '../support/ses-inbox';

let client: string;
beforeAll(async () => {
  client = await fixtures.clientId();
});

type Operation = (request?: Record<string, unknown>) => Promise<any>;
const roomsOf = (user: fixtures.TestUser) =>
  createPublicClient({
    clientId: client,
    clientType: 'public',
    services: { quranReflectBaseUrl: apiUrl() },
    userSession: { accessToken: user.authToken },
  }).quranReflect.v1.rooms as unknown as Record<'groups' | 'invite' | 'acceptInvite' | 'members', Operation>;

async function groupOf(owner: fixtures.TestUser, name: string) {
  const created = await roomsOf(owner).groups({ body: { name, url: fixtures.unique('mailed'), description: 'e-mail' } });
  return created.data.id as number;
}

const address = (prefix: string) => `${fixtures.unique(prefix)}@example.com`;

/** The notifier's code, here, against the service's table and local SES: to deliver one event as often as a test likes. */
const localNotifier = () =>
  notifier(notifierStore, sesMailer({ from: 'invites@example.com', endpoint: sesUrl(), region: 'us-east-1' }), notifierOptions());

describe('Rooms invitations by e-mail', () => {
  test('two addresses → two e-mails with the group name; each link accepts through @quranjs/api and makes a member', async () => {
    const owner = await fixtures.user({ email: address('owner') });
    const member = await fixtures.user({ email: address('member') });
    const newcomer = address('newcomer');
    const id = await groupOf(owner, 'Tafsir circle');

    const invited = await roomsOf(owner).invite({ path: { id }, body: { emails: [member.email, newcomer] } });
    expect(invited.invited).toBe(true);

    const [toMember] = await waitForEmails(member.email!);
    const [toNewcomer] = await waitForEmails(newcomer);
    for (const email of [toMember!, toNewcomer!]) {
      expect(email.from).toBe('invites@example.com');
      expect(email.subject).toBe(`${owner.username} invited you to join Tafsir circle`);
      expect(email.body.html).toContain('<strong>Tafsir circle</strong>');
      expect(email.body.text).toContain(`${apiUrl()}/v1/rooms/${id}/reject-invite?token=`);
    }

    // The account invited by its address: its link, straight away.
    expect(await roomsOf(member).acceptInvite({ path: { id }, query: { token: acceptToken(toMember!) } })).toEqual({ accepted: true });
    // The address without an account: it signs up with that address, then follows the link.
    const signedUp = await fixtures.user({ email: newcomer });
    expect(await roomsOf(signedUp).acceptInvite({ path: { id }, query: { token: acceptToken(toNewcomer!) } })).toEqual({ accepted: true });

    const members = await roomsOf(owner).members({ path: { id }, query: { limit: 10, page: 1 } });
    expect(members.data.map((m: { id: string }) => m.id).sort()).toEqual([owner.userId, member.userId, signedUp.userId].map(String).sort());
  });

  test('a group named <script> stays text in the e-mail', async () => {
    const owner = await fixtures.user();
    const invitee = address('hostile');
    const id = await groupOf(owner, '<script>alert(1)</script> & "friends"');
    await roomsOf(owner).invite({ path: { id }, body: { emails: [invitee] } });
    const [email] = await waitForEmails(invitee);
    expect(email!.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;');
    expect(email!.body.html).not.toContain('<script>');
    expect(email!.body.text).toContain('<script>alert(1)</script> & "friends"');
  });

  test('resend: a new e-mail with a new token; the old one no longer accepts', async () => {
    const owner = await fixtures.user();
    const invitee = await fixtures.user({ email: address('resend') });
    const id = await groupOf(owner, 'Resent circle');
    await roomsOf(owner).invite({ path: { id }, body: { userIds: [String(invitee.userId)] } });
    const [first] = await waitForEmails(invitee.email!);

    expect(await resendInvitation({ group: String(id), user: invitee._id })).toMatchObject({
      groupId: String(id),
      invitee: { userId: String(invitee.userId) },
    });
    const [, second] = await waitForEmails(invitee.email!, 2);
    expect(acceptToken(second!)).not.toBe(acceptToken(first!));

    const old = await request('GET', `/v1/rooms/${id}/accept-invite?token=${acceptToken(first!)}`, {
      headers: fixtures.quranHeaders(invitee, client),
    });
    expect(old.status).toBe(400);
    expect(await roomsOf(invitee).acceptInvite({ path: { id }, query: { token: acceptToken(second!) } })).toEqual({ accepted: true });
    await expect(resendInvitation({ group: String(id), user: invitee._id })).rejects.toThrow('No pending invitation to resend');
  });
});

describe('the notifier, one event at a time', () => {
  test('the same event delivered twice sends one e-mail; a revoked invitation is not e-mailed', async () => {
    const owner = await fixtures.user();
    const invitee = address('twice');
    const id = await groupOf(owner, 'Twice circle');
    await roomsOf(owner).invite({ path: { id }, body: { emails: [invitee] } });
    const { event } = await latestInvitation(id, { email: invitee });
    await waitForEmails(invitee); // the service's own delivery

    // The same event again (as a redelivery would bring it): already sent.
    const emails = localNotifier();
    const again = { id: event.id, 'detail-type': event['detail-type'], detail: event.detail };
    expect(await emails.deliver(again)).toEqual({ outcome: 'duplicate' });
    expect(await emails.deliver(again)).toEqual({ outcome: 'duplicate' });
    // As a new event id (a copy the service never saw): sent once, then a duplicate.
    const copy = { ...again, id: `${event.id}-copy` };
    expect(await emails.deliver(copy)).toMatchObject({ outcome: 'sent', kind: 'rooms-invitation' });
    expect(await emails.deliver(copy)).toEqual({ outcome: 'duplicate' });
    expect(await waitForEmails(invitee, 2)).toHaveLength(2);

    // Revoked while its e-mail is still queued: when the queue gets to it, nothing is sent.
    await revokeInvitation({ group: String(id), email: invitee });
    expect(await emails.deliver({ ...again, id: `${event.id}-queued` })).toEqual({
      outcome: 'skipped',
      reason: 'the invitation is no longer pending with this token',
    });
    expect((await storedEmails()).filter((e) => e.destination.to.includes(invitee))).toHaveLength(2);
  });

  test('a suppressed address gets nothing; cleared, it gets the e-mail', async () => {
    const owner = await fixtures.user();
    const invitee = address('bounced');
    const id = await groupOf(owner, 'Suppressed circle');
    await addEmailSuppression({ email: invitee.toUpperCase() });
    expect((await listEmailSuppressions()).suppressions).toContainEqual(expect.objectContaining({ email: invitee, reason: 'MANUAL' }));
    await roomsOf(owner).invite({ path: { id }, body: { emails: [invitee] } });
    const { event } = await latestInvitation(id, { email: invitee });
    const emails = localNotifier();
    const delivery = { id: `${event.id}-suppressed`, 'detail-type': event['detail-type'], detail: event.detail };
    expect(await emails.deliver(delivery)).toEqual({ outcome: 'suppressed', kind: 'rooms-invitation' });
    expect((await storedEmails()).filter((e) => e.destination.to.includes(invitee))).toHaveLength(0);

    expect(await clearEmailSuppression({ email: invitee })).toEqual({ cleared: invitee });
    const sent = await emails.deliver(delivery);
    expect(sent).toMatchObject({ outcome: 'sent', messageId: expect.any(String) });
    // The service delivers the original event in the background (after its outbox write, retried on
    // faults): if that lands after the clear, it rightly sends its own e-mail too (another event id).
    // So this delivery's message is counted, by its id: exactly one.
    const arrived = await waitForEmails(invitee);
    expect(arrived.filter((email) => email.messageId === (sent as { messageId: string }).messageId)).toHaveLength(1);
  });
});

describe('Rocket.Chat sendInvitationEmail', () => {
  const post = (caller: fixtures.TestUser, body: unknown) =>
    request('POST', '/api/v1/sendInvitationEmail', { headers: caller.headers, body });

  test('three addresses (and a case variant) → three e-mails, from the settings; inviteId fills [Invite_URL]', async () => {
    const admin = await fixtures.admin();
    const [a, b, c] = [address('rc-a'), address('rc-b'), address('rc-c')];
    const response = await post(admin, { emails: [a, b, c, a.toUpperCase(), 'not-an-address'] });
    expect(response).toMatchObject({ status: 200, json: { success: true } });
    for (const to of [a, b, c]) {
      const [email] = await waitForEmails(to);
      expect(email!.subject).toBe('You have been invited to Rocket.Chat');
      expect(email!.body.html).toContain('<h2>Welcome to Rocket.Chat</h2>');
      expect(email!.body.text).toContain(`Join Chat (${apiUrl()})`);
    }
    expect((await storedEmails()).filter((e) => e.destination.to.includes(a.toUpperCase()))).toHaveLength(0);

    const channel = await fixtures.channel({ owner: admin });
    const link = await request('POST', '/api/v1/findOrCreateInvite', {
      headers: admin.headers,
      body: { rid: channel._id, days: 1, maxUses: 5 },
    });
    const linkId = (link.json as { _id: string })._id;
    const linkToken = (link.json as { inviteToken: string }).inviteToken;
    const withLink = address('rc-link');
    expect(await post(admin, { emails: [withLink], inviteId: linkId })).toMatchObject({ status: 200 });
    const [linked] = await waitForEmails(withLink);
    expect(linked!.body.html).toContain(`href="${apiUrl()}/invite/${linkToken}"`);
    expect(await post(admin, { emails: [withLink], inviteId: 'no-such-link' })).toMatchObject({ status: 400, json: { success: false } });
  });

  test('settings: subject and body with [Site_Name], [email]; an empty subject is upstream\'s "No subject"', async () => {
    const admin = await fixtures.admin();
    const to = address('rc-settings');
    await setEmailSetting({ id: 'Site_Name', value: 'Acme <Chat>' });
    await setEmailSetting({ id: 'Invitation_Email', value: '<p>Hello [email], join [Site_Name] at [Site_URL]</p>' });
    try {
      expect(await post(admin, { emails: [to] })).toMatchObject({ status: 200 });
      const [email] = await waitForEmails(to);
      expect(email!.subject).toBe('You have been invited to Acme <Chat>');
      expect(email!.body.html).toContain(`<p>Hello ${to}, join Acme &lt;Chat&gt; at ${apiUrl()}</p>`);

      await setEmailSetting({ id: 'Invitation_Subject', value: '' });
      expect(await post(admin, { emails: [address('rc-nosubject')] })).toEqual(
        expect.objectContaining({ status: 400, json: { error: 'No subject [error-email-send-failed]', success: false } }),
      );
    } finally {
      for (const id of ['Site_Name', 'Invitation_Email', 'Invitation_Subject']) await setEmailSetting({ id, reset: true });
    }
  });
});

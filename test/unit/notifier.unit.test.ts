/**
 * The notifier against in-memory stores and a recording mailer: which events become e-mails, one
 * per event id, none to suppressed addresses or for a dead token; in a batch, an SES throttle on
 * one message retries that one alone (Powertools Batch's partial response).
 */
import type { Context, SQSEvent } from 'aws-lambda';
import { describe, expect, test } from 'vitest';
import type { Mailer, NotifierStore, OutgoingEmail } from '../../functions/domain/notify/invitation-emails';
import { suppressionsFrom } from '../../functions/domain/notify/ses-feedback';
import { notifier } from '../../functions/handlers/notifier/deliver-emails';
import { notifierHandler } from '../../functions/handlers/notifier/send-invitation-emails';
import { hashToken } from '../../functions/lib/ids';
import { type RoomsInvitationEmailStore, roomsInvitationEmail } from '../../functions/dialects/quranreflect/domain/invitation-email';
import { type EmailSettingsStore, requestedInvitationEmail } from '../../functions/dialects/rocketchat/domain/requested-email';
import type { StoredInvitation } from '../../functions/dialects/quranreflect/store/entities/invitation';
import type { Suppression } from '../../functions/store/suppressions';

const inviter = { _id: 'OWNER', username: 'owner', userId: 1 };
const tokenOf = (email: string) => `token-${email}`;

function invitationFor(email: string): StoredInvitation {
  return {
    groupId: '7',
    invitee: { email },
    invitedBy: inviter,
    createdAt: '2026-12-03T00:00:00.000Z',
    lastInvitedBy: inviter,
    lastInvitedAt: '2026-12-03T00:00:00.000Z',
    expiresAt: 1_800_000_000,
    invitesSent: 1,
    tokenHash: hashToken(tokenOf(email)),
    tokenNonce: 'n',
  };
}

function memoryNotifierStore(options: { suppressed?: string[]; revoked?: string[]; settings?: Record<string, string> } = {}) {
  const deliveries = new Map<string, { state: 'sending' | 'sent'; leaseUntil: number }>();
  const rooms: RoomsInvitationEmailStore = {
    readRoomsInvitation: async (_groupId, invitee) => {
      const email = 'email' in invitee ? invitee.email : '';
      return {
        group: { id: '7', name: 'Study <circle>', createdBy: inviter, createdAt: '', membersCount: 1 },
        invitation: options.revoked?.includes(email) ? undefined : invitationFor(email),
        email,
      };
    },
  };
  const settings: EmailSettingsStore = {
    readSettings: async (ids) => new Map(Object.entries(options.settings ?? {}).filter(([id]) => ids.includes(id))),
  };
  const store: NotifierStore = {
    findSuppression: async (email): Promise<Suppression | undefined> =>
      options.suppressed?.includes(email.toLowerCase()) ? { email, reason: 'BOUNCE', since: '' } : undefined,
    claimDelivery: async (eventId, now, lease) => {
      const current = deliveries.get(eventId);
      if (current?.state === 'sent') return 'sent';
      if (current && current.leaseUntil >= now) return 'in-progress';
      deliveries.set(eventId, { state: 'sending', leaseUntil: now + lease });
      return 'claimed';
    },
    markDelivered: async (eventId) => void deliveries.set(eventId, { state: 'sent', leaseUntil: 0 }),
    releaseDelivery: async (eventId) => void deliveries.delete(eventId),
  };
  // The two shipped dialects' makers, on these reads.
  const makers = (type: string) =>
    ({ 'Invitation Created': roomsInvitationEmail(rooms), 'Invitation Email Requested': requestedInvitationEmail(settings) })[type];
  return { store, makers, deliveries };
}

function recordingMailer(failFor: (email: OutgoingEmail, attempt: number) => Error | undefined = () => undefined) {
  const sent: OutgoingEmail[] = [];
  const attempts = new Map<string, number>();
  const mailer: Mailer = {
    async send(email) {
      const attempt = (attempts.get(email.to) ?? 0) + 1;
      attempts.set(email.to, attempt);
      const failure = failFor(email, attempt);
      if (failure) throw failure;
      sent.push(email);
      return { messageId: `m-${sent.length}` };
    },
  };
  return { mailer, sent };
}

const options = { nowSeconds: () => 1_796_000_000, leaseSeconds: 60 };

const roomsEvent = (id: string, email: string) => ({
  id,
  'detail-type': 'Invitation Created',
  detail: {
    dialect: 'quranreflect',
    roomId: 7,
    invitee: { email },
    invitedBy: { userId: '1' },
    token: tokenOf(email),
    acceptUrl: `https://api.example.com/v1/rooms/7/accept-invite?token=${tokenOf(email)}`,
    rejectUrl: `https://api.example.com/v1/rooms/7/reject-invite?token=${tokenOf(email)}`,
    expiresAt: '2026-12-10T00:00:00.000Z',
    renewed: false,
  },
});

describe('one event → at most one e-mail', () => {
  test('a Rooms invitation: to the invitee, the group and inviter named, escaped; a copy of the event sends nothing', async () => {
    const { store, makers } = memoryNotifierStore();
    const { mailer, sent } = recordingMailer();
    const emails = notifier(store, mailer, options, makers);
    expect(await emails.deliver(roomsEvent('e1', 'a@example.com'))).toEqual({
      outcome: 'sent',
      kind: 'rooms-invitation',
      messageId: 'm-1',
    });
    expect(await emails.deliver(roomsEvent('e1', 'a@example.com'))).toEqual({ outcome: 'duplicate' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ to: 'a@example.com', subject: 'owner invited you to join Study <circle>' });
    expect(sent[0]!.html).toContain('<strong>Study &lt;circle&gt;</strong>');
    expect(sent[0]!.html).toContain('expires on Thu, 10 Dec 2026 00:00 UTC');
  });

  test('the app URL template replaces the API links, its values URL-encoded', async () => {
    const { store, makers } = memoryNotifierStore();
    const { mailer, sent } = recordingMailer();
    await notifier(
      store,
      mailer,
      { ...options, appUrlTemplate: 'https://app.example.com/join/{groupId}?t={token}&do={action}' },
      makers,
    ).deliver(roomsEvent('e2', 'bx@example.com'));
    expect(sent[0]!.text).toContain(
      `Accept the invitation: https://app.example.com/join/7?t=${encodeURIComponent(tokenOf('bx@example.com'))}&do=accept`,
    );
    expect(sent[0]!.text).toContain('&do=reject');
  });

  test('suppressed (any case): no e-mail; revoked, answered or renewed: no e-mail', async () => {
    const { store, makers } = memoryNotifierStore({ suppressed: ['gone@example.com'], revoked: ['revoked@example.com'] });
    const { mailer, sent } = recordingMailer();
    const emails = notifier(store, mailer, options, makers);
    expect(await emails.deliver(roomsEvent('e3', 'Gone@Example.com'))).toEqual({ outcome: 'suppressed', kind: 'rooms-invitation' });
    expect(await emails.deliver(roomsEvent('e4', 'revoked@example.com'))).toEqual({
      outcome: 'skipped',
      reason: 'the invitation is no longer pending with this token',
    });
    const stale = roomsEvent('e5', 'c@example.com');
    stale.detail.token = `old-${stale.detail.token}`;
    expect(await emails.deliver(stale)).toMatchObject({ outcome: 'skipped' });
    expect(sent).toEqual([]);
  });

  test('an event published before events carried the token (queued across a deploy) is still e-mailed, from its link', async () => {
    const { store, makers } = memoryNotifierStore();
    const { mailer, sent } = recordingMailer();
    const emails = notifier(store, mailer, options, makers);
    const queued = roomsEvent('e6', 'c@example.com');
    delete (queued.detail as { token?: string }).token;
    expect(await emails.deliver(queued)).toMatchObject({ outcome: 'sent' });
    expect(sent).toHaveLength(1);
  });

  test('Rocket.Chat: upstream defaults, settings over them, [Invite_URL] added when named; values escaped', async () => {
    const { store, makers } = memoryNotifierStore({ settings: { Site_Name: 'Chat & <Co>' } });
    const { mailer, sent } = recordingMailer();
    const emails = notifier(store, mailer, options, makers);
    const requested = (id: string, detail: Record<string, unknown>) => ({
      id,
      'detail-type': 'Invitation Email Requested',
      detail: { dialect: 'rocketchat', requestedBy: { userId: 'A' }, ...detail },
    });
    await emails.deliver(requested('r1', { email: 'x@example.com' }));
    await emails.deliver(requested('r2', { email: 'y@example.com', inviteUrl: 'https://chat.example.com/invite/abc?x="1"' }));
    expect(sent[0]).toMatchObject({ to: 'x@example.com', subject: 'You have been invited to Chat & <Co>', kind: 'rocketchat-invitation' });
    expect(sent[0]!.html).toContain('<h2>Welcome to Chat &amp; &lt;Co&gt;</h2>');
    expect(sent[0]!.html).not.toContain('invite/abc');
    expect(sent[0]!.text).toContain('Welcome to Chat & <Co>');
    expect(sent[1]!.html).toContain('<a href="https://chat.example.com/invite/abc?x=&quot;1&quot;">');
    expect(sent[1]!.text).toContain('https://chat.example.com/invite/abc?x="1"');
  });

  test('a failed send gives the claim back: the retry sends; a live claim elsewhere is retried later', async () => {
    const { store, makers, deliveries } = memoryNotifierStore();
    const { mailer, sent } = recordingMailer((_email, attempt) =>
      attempt === 1 ? Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException' }) : undefined,
    );
    const emails = notifier(store, mailer, options, makers);
    await expect(emails.deliver(roomsEvent('e6', 'd@example.com'))).rejects.toThrow('Maximum sending rate exceeded.');
    expect(deliveries.has('e6')).toBe(false);
    expect(await emails.deliver(roomsEvent('e6', 'd@example.com'))).toMatchObject({ outcome: 'sent' });
    deliveries.set('e7', { state: 'sending', leaseUntil: options.nowSeconds() + 30 });
    await expect(emails.deliver(roomsEvent('e7', 'e@example.com'))).rejects.toThrow('another delivery of this event is sending it');
    expect(sent.map((e) => e.to)).toEqual(['d@example.com']);
  });
});

describe('the SQS handler (Powertools Batch)', () => {
  const sqsEvent = (events: ReturnType<typeof roomsEvent>[]): SQSEvent => ({
    Records: events.map((event, index) => ({
      messageId: `msg-${index}`,
      receiptHandle: '',
      // What the bus rule puts on the queue: EventBridge's envelope, our id in the detail.
      body: JSON.stringify({
        id: `eb-${index}`,
        source: 'invites',
        'detail-type': event['detail-type'],
        detail: { ...event.detail, eventId: event.id },
      }),
      attributes: {} as SQSEvent['Records'][number]['attributes'],
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:1:q',
      awsRegion: 'us-east-1',
    })),
  });

  test('an SES throttle on one message: only it is reported; redelivered with the others, only it is sent', async () => {
    const { store, makers } = memoryNotifierStore();
    const throttled = 'b@example.com';
    const { mailer, sent } = recordingMailer((email, attempt) =>
      email.to === throttled && attempt === 1 ? Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }) : undefined,
    );
    const handler = notifierHandler(notifier(store, mailer, options, makers));
    const batch = sqsEvent([roomsEvent('b1', 'a@example.com'), roomsEvent('b2', throttled), roomsEvent('b3', 'c@example.com')]);
    expect(await handler(batch, {} as Context)).toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-1' }] });
    expect(sent.map((e) => e.to).sort()).toEqual(['a@example.com', 'c@example.com']);
    // Redelivered whole (as if the queue gave all three again): the other two are duplicates.
    expect(await handler(batch, {} as Context)).toEqual({ batchItemFailures: [] });
    expect(sent.map((e) => e.to).sort()).toEqual(['a@example.com', throttled, 'c@example.com']);
  });
});

describe('SES feedback → suppressions', () => {
  test('permanent bounces and complaints suppress (lower-cased); transient bounces do not', () => {
    const now = '2026-12-03T10:00:00.000Z';
    expect(
      suppressionsFrom(
        {
          eventType: 'Bounce',
          bounce: { bounceType: 'Permanent', bounceSubType: 'NoEmail', bouncedRecipients: [{ emailAddress: 'A@Example.com' }] },
        },
        now,
      ),
    ).toEqual([{ email: 'a@example.com', reason: 'BOUNCE', since: now, detail: 'Permanent/NoEmail' }]);
    expect(
      suppressionsFrom(
        { eventType: 'Bounce', bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'b@example.com' }] } },
        now,
      ),
    ).toEqual([]);
    expect(
      suppressionsFrom(
        {
          eventType: 'Complaint',
          complaint: { complaintFeedbackType: 'abuse', complainedRecipients: [{ emailAddress: 'c@example.com' }] },
        },
        now,
      ),
    ).toEqual([{ email: 'c@example.com', reason: 'COMPLAINT', since: now, detail: 'abuse' }]);
    expect(suppressionsFrom({ eventType: 'Delivery' }, now)).toEqual([]);
  });
});

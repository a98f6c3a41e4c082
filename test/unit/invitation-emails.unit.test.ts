/**
 * Rocket.Chat's sendInvitationEmail (domain/rocketchat/invitation-emails.ts) against an in-memory
 * store: upstream's checks in order, one note per distinct address whatever its case, the daily
 * cap counted exactly and given back when nothing was recorded, inviteId checked like a token.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  distinctAddresses,
  type InvitationEmailStore,
  sendInvitationEmail,
} from '../../functions/dialects/rocketchat/domain/invitation-emails';
import { setClock } from '../../functions/lib/clock';
import { hashToken } from '../../functions/lib/ids';
import type { EventNote, RoomInvite } from '../../functions/model';
import { userFixture } from '../support/room-store-fake';
import { escapeHtml, htmlToText, renderEmail } from '../../functions/email/render';
import { roomsInvitationTemplate } from '../../functions/dialects/quranreflect/email/rooms-invitation';

const user = userFixture;
const admin = user('A', ['admin']);

function memoryStore(settings: Record<string, string> = {}, links: RoomInvite[] = []) {
  const notes: EventNote[] = [];
  const quota = new Map<string, number>();
  let failNotes = false;
  const store: InvitationEmailStore = {
    readStoredGrant: async () => undefined,
    getLinkPointer: async () => undefined,
    getInviteLinkByHash: async () => undefined,
    // The links here are clear ones (their `_id` is their token), which inviteId names by that `_id`.
    getInviteLinkByToken: async (token) => links.find((link) => link._id === token),
    tokenKey: async () => Buffer.alloc(32, 1),
    getRoom: async (id) => ({
      _id: id,
      t: 'c',
      name: 'general',
      fname: 'general',
      msgs: 0,
      usersCount: 1,
      u: { _id: 'A', username: 'a' },
      ts: '',
      ro: false,
      sysMes: true,
      default: false,
      _updatedAt: '',
    }),
    readSettings: async (ids) => new Map(Object.entries(settings).filter(([id]) => ids.includes(id))),
    reserveEmails: async (userId, day, count, cap) => {
      const used = quota.get(`${userId}|${day}`) ?? 0;
      if (used > cap - count) return false;
      quota.set(`${userId}|${day}`, used + count);
      return true;
    },
    releaseEmails: async (userId, day, count) => void quota.set(`${userId}|${day}`, (quota.get(`${userId}|${day}`) ?? 0) - count),
    putEventNoteList: async (written) => {
      if (failNotes) throw new Error('DynamoDB unavailable');
      notes.push(...written);
    },
  };
  return { store, notes, quota, failNextNotes: () => (failNotes = true) };
}

let restoreClock: () => void;
beforeEach(() => (restoreClock = setClock(Date.UTC(2026, 11, 3, 23, 0, 0))));
afterEach(() => restoreClock());

describe('sendInvitationEmail', () => {
  test('1,000 case variants of one address are one e-mail; invalid ones are dropped', async () => {
    const variants = Array.from({ length: 1000 }, (_, i) =>
      [...'someone@example.com'].map((c, j) => ((i >> j) & 1 ? c.toUpperCase() : c)).join(''),
    );
    expect(new Set(variants).size).toBeGreaterThan(500);
    const { store, notes } = memoryStore();
    expect(await sendInvitationEmail(admin, { emails: [...variants, 'nope', ' other@example.com '] }, store)).toEqual({});
    expect(notes.map((note) => note.detail.email)).toEqual(['someone@example.com', 'other@example.com']);
    expect(distinctAddresses(['A@x.io', 'a@X.io', 'b@x.io'])).toEqual(['A@x.io', 'b@x.io']);
  });

  test("upstream's refusals: no bulk-register-user, no valid address, an empty subject", async () => {
    const { store } = memoryStore({ Invitation_Subject: '  ' });
    await expect(sendInvitationEmail(user('U'), { emails: ['a@example.com'] }, store)).rejects.toMatchObject({
      code: 'error-not-allowed',
      message: 'Not allowed',
    });
    await expect(sendInvitationEmail(admin, { emails: ['nope'] }, store)).rejects.toMatchObject({
      code: 'error-email-send-failed',
      message: 'No valid email addresses',
    });
    await expect(sendInvitationEmail(admin, { emails: ['a@example.com'] }, store)).rejects.toMatchObject({
      code: 'error-email-send-failed',
      message: 'No subject',
    });
  });

  test('the daily cap: exactly the limit passes, the next address is a 429 until the UTC day ends; a failed write gives its room back', async () => {
    const { store, notes, quota } = memoryStore({ Invitation_Email_Daily_Limit: '3' });
    await sendInvitationEmail(admin, { emails: ['a@x.io', 'b@x.io'] }, store);
    await sendInvitationEmail(admin, { emails: ['c@x.io'] }, store);
    await expect(sendInvitationEmail(admin, { emails: ['d@x.io'] }, store)).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterSeconds: 3600,
    });
    expect(notes).toHaveLength(3);
    expect(quota.get('A|2026-12-03')).toBe(3);

    const other = memoryStore();
    other.failNextNotes();
    await expect(sendInvitationEmail(admin, { emails: ['a@x.io'] }, other.store)).rejects.toThrow('DynamoDB unavailable');
    expect(other.quota.get('A|2026-12-03')).toBe(0);
  });

  test('inviteId: a live link fills inviteUrl; an unknown or expired one is refused as validateInviteToken refuses it', async () => {
    const link: RoomInvite = {
      _id: 'L1',
      tokenHash: hashToken('L1'),
      style: 'clear',
      rid: 'R1',
      userId: 'A',
      days: 1,
      maxUses: 0,
      uses: 0,
      createdAt: '',
      expires: '2026-12-04T00:00:00.000Z',
      url: '',
      _updatedAt: '',
    } as RoomInvite;
    const expired = { ...link, _id: 'L2', expires: '2026-12-01T00:00:00.000Z' };
    const { store, notes } = memoryStore({}, [link, expired]);
    await sendInvitationEmail(admin, { emails: ['a@x.io'], inviteId: 'L1' }, store);
    expect(notes[0]!.detail).toEqual({
      dialect: 'rocketchat',
      email: 'a@x.io',
      requestedBy: { userId: 'A' },
      inviteUrl: expect.stringMatching(/\/invite\/L1$/),
    });
    await expect(sendInvitationEmail(admin, { emails: ['a@x.io'], inviteId: 'nope' }, store)).rejects.toMatchObject({
      code: 'error-invalid-token',
    });
    await expect(sendInvitationEmail(admin, { emails: ['a@x.io'], inviteId: 'L2' }, store)).rejects.toMatchObject({
      code: 'error-invite-expired',
    });
  });

  test("inviteId: the link is read alongside the grant and settings, yet upstream's earlier refusals still come first", async () => {
    const { store } = memoryStore();
    const started: string[] = [];
    let releaseGrant!: () => void;
    const grantRead = new Promise<undefined>((resolve) => (releaseGrant = () => resolve(undefined)));
    const watched: InvitationEmailStore = {
      ...store,
      readStoredGrant: async () => (started.push('grant'), grantRead),
      getLinkPointer: async (id) => (started.push('link'), store.getLinkPointer(id)),
    };
    const sending = sendInvitationEmail(admin, { emails: ['a@x.io'], inviteId: 'nope' }, watched);
    await new Promise((resolve) => setImmediate(resolve));
    // Both reads are under way before the grant is known.
    expect(started.sort()).toEqual(['grant', 'link']);
    releaseGrant();
    await expect(sending).rejects.toMatchObject({ code: 'error-invalid-token' });
    // A caller without the grant hears "Not allowed", not of the link (which was read all the same).
    await expect(sendInvitationEmail(user('U'), { emails: ['a@x.io'], inviteId: 'nope' }, store)).rejects.toMatchObject({
      code: 'error-not-allowed',
    });
    await expect(sendInvitationEmail(admin, { emails: ['nope'], inviteId: 'nope' }, store)).rejects.toMatchObject({
      message: 'No valid email addresses',
    });
  });
});

describe('rendering', () => {
  const hostile = '<script>alert("x")</script> & \'co\'';

  test('every value is escaped in the HTML part, kept as is in the text part; the subject stays one line', () => {
    const email = renderEmail(roomsInvitationTemplate, {
      groupName: hostile,
      inviterName: 'evil\r\nBcc: victim@example.com',
      expiresOn: 'soon',
      acceptUrl: 'https://x.example/a?token="><img src=x>',
      rejectUrl: 'https://x.example/r',
    });
    expect(email.html).not.toMatch(/<script>|<img/);
    expect(email.html).toContain(escapeHtml(hostile));
    expect(email.html).toContain('href="https://x.example/a?token=&quot;&gt;&lt;img src=x&gt;"');
    expect(email.text).toContain(hostile);
    expect(email.subject).toBe(`evil Bcc: victim@example.com invited you to join ${hostile}`);
  });

  test('a placeholder without data is an error, never an empty hole', () => {
    expect(() => renderEmail({ subject: '{{missing}}', html: '', text: '' }, {})).toThrow('{{missing}}');
  });

  test('the text part of an HTML body keeps link addresses and lines', () => {
    expect(htmlToText('<h2>Welcome to A &amp; B</h2><p>Visit</p><a class="btn" href="https://chat.example.com">Join Chat</a>')).toBe(
      'Welcome to A & B\nVisit\nJoin Chat (https://chat.example.com)',
    );
  });
});

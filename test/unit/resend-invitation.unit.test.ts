/** Resending a pending QuranReflect invitation (resend-invitation.ts) against an in-memory store. */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { newInvitation } from '../../functions/dialects/quranreflect/domain/invite-user';
import { type ResendStore, resendInvitation } from '../../functions/dialects/quranreflect/domain/resend-invitation';
import { manualClock } from '../../functions/lib/clock';
import type { NumberedUserRef } from '../../functions/model';
import type { StoredInvitation } from '../../functions/dialects/quranreflect/store/entities/invitation';

const START = Date.parse('2026-06-01T12:00:00.000Z');
const DAY = 86_400;
const KEY = Buffer.alloc(32, 7);
const owner: NumberedUserRef = { _id: 'U1', userId: 1, username: 'owner' };
const admin: NumberedUserRef = { _id: 'U2', userId: 2, username: 'admin' };
const bob: NumberedUserRef = { _id: 'U3', userId: 3, username: 'bob' };

let clock: ReturnType<typeof manualClock>;
beforeEach(() => {
  clock = manualClock(START);
});
afterEach(() => clock.restore());

/** An invitation made now by `by`, as invite-user makes it. */
const invited = (invitee: { kind: 'user'; user: NumberedUserRef } | { kind: 'email'; email: string }, by = owner) =>
  newInvitation('42', invitee, by, START, 7 * DAY, KEY).invitation;

function memoryStore(invitations: StoredInvitation[], outcome: 'invited' | 'already-member' | 'group-missing' = 'invited') {
  const upserts: { invitation: StoredInvitation; nowSeconds: number }[] = [];
  const store: ResendStore = {
    listGroupInvitations: async (groupId) => invitations.filter((invitation) => invitation.groupId === groupId),
    upsertInvitation: async (invitation, nowSeconds) => {
      upserts.push({ invitation, nowSeconds });
      return outcome;
    },
    tokenKey: async () => KEY,
  };
  return { store, upserts };
}

describe('resendInvitation', () => {
  test("a user's pending invitation: a fresh token, the expiry moved from now, the last inviter kept", async () => {
    const pending = { ...invited({ kind: 'user', user: bob }), lastInvitedBy: admin };
    const { store, upserts } = memoryStore([pending]);
    clock.advance(2 * DAY * 1000);
    const result = await resendInvitation('42', { userNumber: 3 }, store);
    const nowSeconds = START / 1000 + 2 * DAY;
    expect(result).toEqual({ groupId: '42', invitee: { userId: '3' }, expiresAt: new Date((nowSeconds + 7 * DAY) * 1000).toISOString() });
    expect(upserts).toHaveLength(1);
    const renewed = upserts[0]!;
    expect(renewed.nowSeconds).toBe(nowSeconds);
    expect(renewed.invitation).toMatchObject({ groupId: '42', invitee: { _id: 'U3', userId: 3 }, invitedBy: admin, lastInvitedBy: admin });
    // The old token stops working: another nonce, another hash.
    expect(renewed.invitation.tokenNonce).not.toBe(pending.tokenNonce);
    expect(renewed.invitation.tokenHash).not.toBe(pending.tokenHash);
  });

  test('an e-mail invitation is found whatever the case of the address asked for', async () => {
    const { store, upserts } = memoryStore([invited({ kind: 'email', email: 'Carol@Example.com' })]);
    const result = await resendInvitation('42', { email: 'CAROL@example.COM' }, store);
    expect(result.invitee).toEqual({ email: 'carol@example.com' });
    expect(upserts[0]!.invitation.invitee).toEqual({ email: 'carol@example.com' });
  });

  test('nothing pending — none at all, another invitee, another group, or expired — is a not_found, and nothing is written', async () => {
    const expired = invited({ kind: 'user', user: bob });
    const { store, upserts } = memoryStore([expired, invited({ kind: 'email', email: 'dave@example.com' })]);
    await expect(resendInvitation('42', { userNumber: 9 }, store)).rejects.toMatchObject({
      kind: 'not_found',
      message: 'No pending invitation to resend',
    });
    await expect(resendInvitation('43', { userNumber: 3 }, store)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(resendInvitation('42', { email: 'bob@example.com' }, store)).rejects.toMatchObject({ kind: 'not_found' });
    clock.set(expired.expiresAt * 1000); // expired at its expiry second
    await expect(resendInvitation('42', { userNumber: 3 }, store)).rejects.toMatchObject({ kind: 'not_found' });
    expect(upserts).toEqual([]);
  });

  test('the invitee became a member meanwhile, or the group is gone: a conflict naming which', async () => {
    const pending = invited({ kind: 'user', user: bob });
    await expect(resendInvitation('42', { userNumber: 3 }, memoryStore([pending], 'already-member').store)).rejects.toMatchObject({
      kind: 'conflict',
      message: 'The invitee is a member now',
    });
    await expect(resendInvitation('42', { userNumber: 3 }, memoryStore([pending], 'group-missing').store)).rejects.toMatchObject({
      kind: 'conflict',
      message: 'The group is gone',
    });
  });
});

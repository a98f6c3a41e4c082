/**
 * Load: 1,000 concurrent invites spread over 10 rooms (Rocket.Chat) and over 10 groups
 * (QuranReflect), through the shared local service. Every response is well-formed; a request the
 * service sheds (503 in the dialect's envelope) is retried; final counters equal the distinct
 * members added, with no duplicate membership or invitation.
 */
import { describe, expect, test } from 'vitest';
import { listInvitations } from '../../functions/dialects/quranreflect/admin';
import { showChannel } from '../../functions/dialects/rocketchat/admin';
import { listRoomMessages } from '../../functions/dialects/rocketchat/store/rocketchat-rooms';
import { faultBodies } from '../support/dialect-bodies';
import * as fixtures from '../support/fixtures';
import { type ApiResponse, request } from '../support/http';

const CONCURRENT = 1000;
const TARGETS = 10;

/**
 * Sends every request at once; retries the shed ones (503/504) until all succeeded. A 504 may
 * follow a write DynamoDB did commit: the retry then finds those members and skips them.
 */
async function sendAll(requests: (() => Promise<ApiResponse>)[], dialect: string) {
  let pending = requests;
  const statuses: Record<number, number> = {};
  let round = 0;
  for (; pending.length > 0; round++) {
    expect(round, 'too many retry rounds').toBeLessThan(20);
    const responses = await Promise.all(pending.map((send) => send()));
    const shed: typeof pending = [];
    responses.forEach((response, i) => {
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      expect(response.json, response.text.slice(0, 200)).toBeTypeOf('object');
      expect(response.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
      if (response.status === 200) return;
      // Shed under load: DynamoDB Local throttled (503) or slower than the client's deadline (504).
      expect([503, 504]).toContain(response.status);
      expect(response.json).toEqual(faultBodies[dialect]![response.status]);
      shed.push(pending[i]!);
    });
    pending = shed;
  }
  return { ...statuses, rounds: round };
}

describe('1,000 concurrent invites', () => {
  test('Rocket.Chat: 10 rooms, overlapping invitees; usersCount = msgs = distinct members', async () => {
    const admin = await fixtures.admin();
    const rooms: Awaited<ReturnType<typeof fixtures.channel>>[] = [];
    for (let i = 0; i < TARGETS; i++) rooms.push(await fixtures.channel({ owner: admin }));
    const pool = await fixtures.manyUsers(300);
    // Request i invites two users into room i % 10; pairs overlap so racing requests add the same users.
    const picks = Array.from({ length: CONCURRENT }, (_, i) => ({
      room: rooms[i % TARGETS]!,
      users: [pool[(i * 7) % 300]!, pool[(i * 13 + 5) % 300]!],
    }));
    const statuses = await sendAll(
      picks.map(
        (pick) => () =>
          request('POST', '/api/v1/channels.invite', {
            headers: admin.headers,
            body: { roomId: pick.room._id, userIds: pick.users.map((u) => u._id) },
          }),
      ),
      'rocketchat',
    );
    console.log('Rocket.Chat load statuses (all rounds):', statuses);
    for (const room of rooms) {
      const expected = new Set(picks.filter((p) => p.room === room).flatMap((p) => p.users.map((u) => u._id)));
      const shown = await showChannel({ channel: room._id });
      expect(shown.members).toHaveLength(expected.size + 1);
      expect(new Set(shown.members.map((m) => m._id)).size).toBe(expected.size + 1);
      expect(shown.usersCount).toBe(expected.size + 1);
      expect(shown.msgs).toBe(expected.size);
      const messages = await listRoomMessages(room._id);
      expect(messages).toHaveLength(expected.size);
      expect(new Set(messages.map((m) => m.msg)).size).toBe(expected.size);
    }
  });

  test('QuranReflect: 10 groups, repeated e-mails; one invitation per distinct e-mail, every invite counted at least once', async () => {
    const client = await fixtures.clientId();
    const admin = await fixtures.user();
    const groups: Awaited<ReturnType<typeof fixtures.group>>[] = [];
    for (let i = 0; i < TARGETS; i++) groups.push(await fixtures.group({ admin }));
    const emails = Array.from({ length: 250 }, () => `${fixtures.unique('load')}@example.com`);
    const picks = Array.from({ length: CONCURRENT }, (_, i) => ({ group: groups[i % TARGETS]!, email: emails[(i * 11) % 250]! }));
    const statuses = await sendAll(
      picks.map(
        (pick) => () =>
          request('PUT', `/v1/groups/${pick.group.id}/inviteUser`, {
            headers: fixtures.quranHeaders(admin, client),
            body: { email: pick.email },
          }),
      ),
      'quranreflect',
    );
    console.log('QuranReflect load statuses (all rounds):', statuses);
    for (const group of groups) {
      const mine = picks.filter((p) => p.group === group);
      const { invitations } = await listInvitations({ group: group.id });
      expect(invitations).toHaveLength(new Set(mine.map((p) => p.email)).size);
      // At least every invite: a renewal answered 504 may still have committed before its retry.
      expect(invitations.reduce((sum, i) => sum + i.invitesSent, 0)).toBeGreaterThanOrEqual(mine.length);
    }
  });
});

/** Rocket.Chat invite links (invite-links.ts) against an in-memory store: who makes them, reuse, validity, use. */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  findOrCreateInvite,
  type InviteLinkStore,
  listInvites,
  removeInvite,
  useInviteToken,
  validateInviteToken,
} from '../../functions/dialects/rocketchat/domain/invite-links';
import { setClock } from '../../functions/lib/clock';
import type { Room, RoomInvite, RoomMember, User } from '../../functions/model';
import { roomFixture } from '../support/room-store-fake';

const user = (id: string, roles = ['user']): User => ({
  _id: id,
  userId: 1,
  username: id.toLowerCase(),
  roles,
  active: true,
  createdAt: '',
});
const owner = user('O');
const admin = user('A', ['admin']);
const joiner = user('J');
const channel: Room = roomFixture({ u: { _id: 'O', username: 'o' } });

function memoryLinks(rooms: Room[] = [channel]) {
  const links = new Map<string, RoomInvite>();
  const slots = new Map<string, string>();
  const members: RoomMember[] = [{ _id: 'm', rid: 'R1', u: { _id: 'O', username: 'o' }, roles: ['owner'], ts: '' }];
  const store: InviteLinkStore = {
    readInviteLinkContext: async (input) => ({
      room: rooms.find((r) => r._id === input.roomId),
      callerMembership: members.find((m) => m.rid === input.roomId && m.u._id === input.userId),
      storedGrants: new Map(),
      slotInviteId: slots.get(`${input.roomId}|${input.userId}|${input.days}|${input.maxUses}`),
    }),
    getInviteLink: async (id) => links.get(id),
    insertInviteLink: async (invite) => {
      links.set(invite._id, invite);
      slots.set(`${invite.rid}|${invite.userId}|${invite.days}|${invite.maxUses}`, invite._id);
      return 'created';
    },
    listInviteLinks: async () => [...links.values()],
    deleteInviteLink: async (id) => links.delete(id),
    readStoredGrant: async () => undefined,
    joinByInviteLink: async (invite, member, _message, nowIso) => {
      // The link's conditions first, as the transaction's outcome is read.
      const live = links.get(invite._id);
      if (!live || (live.maxUses > 0 && live.uses >= live.maxUses) || (live.expires !== null && live.expires <= nowIso))
        return 'link-refused';
      if (members.some((m) => m.rid === member.rid && m.u._id === member.u._id)) return 'already-member';
      live.uses += 1;
      members.push(member);
      return 'joined';
    },
    getRoom: async (id) => rooms.find((r) => r._id === id),
  };
  return { store, links, members };
}

let restoreClock: () => void;
beforeEach(() => (restoreClock = setClock(Date.UTC(2026, 11, 3))));
afterEach(() => restoreClock());

describe('findOrCreateInvite', () => {
  test("the owner makes a link (23 characters, expiry in days); the same request reuses it; bad days or uses: upstream's errors", async () => {
    const { store } = memoryLinks();
    const link = await findOrCreateInvite(owner, { rid: 'R1', days: 7, maxUses: 5 }, store);
    expect(link).toMatchObject({ rid: 'R1', userId: 'O', days: 7, maxUses: 5, uses: 0, expires: '2026-12-10T00:00:00.000Z' });
    expect(link._id).toMatch(/^[23456789A-HJ-NP-Za-km-z]{23}$/);
    expect(await findOrCreateInvite(owner, { rid: 'R1', days: 7, maxUses: 5 }, store)).toEqual(link);
    await expect(findOrCreateInvite(owner, { rid: 'R1', days: 3, maxUses: 5 }, store)).rejects.toMatchObject({
      code: 'invalid-number-of-days',
    });
    await expect(findOrCreateInvite(owner, { rid: 'R1', days: 7, maxUses: 3 }, store)).rejects.toMatchObject({
      code: 'invalid-number-of-uses',
    });
  });

  test('someone without create-invite-links, or not in the room: refused, nothing made', async () => {
    const { store, links } = memoryLinks();
    await expect(findOrCreateInvite(joiner, { rid: 'R1', days: 7, maxUses: 5 }, store)).rejects.toMatchObject({ code: 'not_authorized' });
    await expect(findOrCreateInvite(admin, { rid: 'R1', days: 7, maxUses: 5 }, store)).rejects.toMatchObject({
      code: 'error-invalid-room',
    });
    expect(links.size).toBe(0);
  });
});

describe('using a link', () => {
  test('validate and use: joins (by the link, from its maker), a member again counts no use; used up: expired', async () => {
    const { store, members, links } = memoryLinks();
    const link = await findOrCreateInvite(owner, { rid: 'R1', days: 1, maxUses: 5 }, store);
    expect(await validateInviteToken(link._id, store)).toEqual({ valid: true });
    expect(await useInviteToken(joiner, link._id, store)).toEqual({ room: { rid: 'R1', fname: 'general', name: 'general', t: 'c' } });
    expect(members.at(-1)).toMatchObject({ u: { _id: 'J' }, via: { how: 'link', by: { _id: 'O' }, linkId: link._id } });
    expect(await useInviteToken(joiner, link._id, store)).toMatchObject({ room: { rid: 'R1' } });
    expect(links.get(link._id)?.uses).toBe(1);
    for (const name of ['K', 'L', 'M', 'N']) await useInviteToken(user(name), link._id, store);
    await expect(useInviteToken(user('P'), link._id, store)).rejects.toMatchObject({ code: 'error-invite-expired' });
    expect(await validateInviteToken(link._id, store)).toEqual({ valid: false });
    expect(await validateInviteToken('unknown', store)).toEqual({ valid: false });
  });

  test('an expired link: expired; an unknown one: invalid', async () => {
    const { store } = memoryLinks();
    const link = await findOrCreateInvite(owner, { rid: 'R1', days: 1, maxUses: 0 }, store);
    restoreClock();
    restoreClock = setClock(Date.UTC(2026, 11, 5));
    await expect(useInviteToken(joiner, link._id, store)).rejects.toMatchObject({ code: 'error-invite-expired' });
    await expect(useInviteToken(joiner, 'nope', store)).rejects.toMatchObject({ code: 'error-invalid-token' });
  });
});

describe('admins: list, remove', () => {
  test('list and remove take create-invite-links globally (admins); removing twice: invalid id', async () => {
    const { store } = memoryLinks();
    const link = await findOrCreateInvite(owner, { rid: 'R1', days: 7, maxUses: 5 }, store);
    await expect(listInvites(owner, store)).rejects.toMatchObject({ code: 'not_authorized' });
    expect((await listInvites(admin, store)).map((l) => l._id)).toEqual([link._id]);
    expect(await removeInvite(admin, link._id, store)).toBe(true);
    await expect(removeInvite(admin, link._id, store)).rejects.toMatchObject({ code: 'invalid-invitation-id' });
  });
});

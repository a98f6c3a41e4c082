/**
 * Rocket.Chat invite links (invite-links.ts) against an in-memory store: who makes them, reuse,
 * validity, use; tokens apart from ids (and, with RC_INVITE_TOKENS=id, the 7.x `_id` token);
 * links stored before the split, read where they are and moved; bans.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  findOrCreateInvite,
  type InviteLinkStore,
  listInvites,
  removeInvite,
  useInviteToken,
  validateInviteToken,
} from '../../functions/dialects/rocketchat/domain/invite-links';
import { migrateClearLinks } from '../../functions/dialects/rocketchat/domain/link-migration';
import type { LinkSlot } from '../../functions/dialects/rocketchat/store/invite-links';
import { setClock } from '../../functions/lib/clock';
import { hashToken } from '../../functions/lib/ids';
import type { Room, RoomInvite, RoomMember } from '../../functions/model';
import { roomFixture, userFixture } from '../support/room-store-fake';

const user = userFixture;
const owner = user('O');
const admin = user('A', ['admin']);
const joiner = user('J');
const channel: Room = roomFixture({ u: { _id: 'O', username: 'o' } });
const KEY = Buffer.alloc(32, 7);
const UUID = /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/;

/** A link as this service stored it before the split: its token is its `_id`, in clear. */
const clearLink = (id: string, fields: Partial<RoomInvite> = {}): RoomInvite => ({
  _id: id,
  tokenHash: hashToken(id),
  style: 'clear',
  days: 0,
  maxUses: 0,
  rid: 'R1',
  userId: 'O',
  createdAt: '2026-11-01T00:00:00.000Z',
  expires: null,
  url: '',
  uses: 0,
  _updatedAt: '2026-11-01T00:00:00.000Z',
  room: { t: 'c', name: 'general', fname: 'general' },
  ...fields,
});

function memoryLinks(rooms: Room[] = [channel]) {
  /** By the key the table stores them under: the token's hash, or a clear link's `_id`. */
  const links = new Map<string, RoomInvite>();
  const keyOf = (invite: RoomInvite) => (invite.style === 'clear' ? invite._id : invite.tokenHash);
  const slots = new Map<string, LinkSlot>();
  const members: RoomMember[] = [{ _id: 'm', rid: 'R1', u: { _id: 'O', username: 'o' }, roles: ['owner'], ts: '' }];
  const memberOf = (roomId: string, userId: string) => members.find((m) => m.rid === roomId && m.u._id === userId);
  const store: InviteLinkStore = {
    readInviteLinkContext: async (input) => ({
      room: rooms.find((r) => r._id === input.roomId),
      callerMembership: memberOf(input.roomId, input.userId),
      storedGrants: new Map(),
      slot: slots.get(`${input.roomId}|${input.userId}|${input.days}|${input.maxUses}`),
    }),
    getSlotLink: async (slot) => links.get(slot.value),
    getInviteLinkByToken: async (token) => {
      const found = links.get(hashToken(token)) ?? links.get(token);
      return found && (found.style === 'clear' || found.tokenHash === hashToken(token)) ? found : undefined;
    },
    getLinkPointer: async (id) => {
      const link = [...links.values()].find((l) => l.style !== 'clear' && l._id === id);
      return link && { _id: link._id, tokenHash: link.tokenHash, style: link.style, rid: link.rid };
    },
    insertInviteLink: async (invite) => {
      links.set(keyOf(invite), invite);
      slots.set(`${invite.rid}|${invite.userId}|${invite.days}|${invite.maxUses}`, { attribute: 'linkHash', value: invite.tokenHash });
      return 'created';
    },
    listInviteLinks: async () => [...links.values()],
    deleteInviteLink: async (invite) => links.delete(invite.style === 'clear' ? invite._id : invite.tokenHash),
    readStoredGrant: async () => undefined,
    joinByInviteLink: async (invite, member, _message, nowIso) => {
      // The link's conditions first, as the transaction's outcome is read.
      const live = links.get(keyOf(invite));
      if (!live || (live.maxUses > 0 && live.uses >= live.maxUses) || (live.expires !== null && live.expires <= nowIso))
        return 'link-refused';
      if (memberOf(member.rid, member.u._id)) return 'already-member';
      live.uses += 1;
      members.push(member);
      return 'joined';
    },
    getRoom: async (id) => rooms.find((r) => r._id === id),
    getRoomMember: async (roomId, userId) => memberOf(roomId, userId),
    tokenKey: async () => KEY,
  };
  const migrationStore = {
    listInviteLinks: store.listInviteLinks,
    moveClearLink: async (clear: RoomInvite, moved: RoomInvite) => {
      if (!links.delete(clear._id)) return false;
      links.set(moved.tokenHash, moved);
      return true;
    },
  };
  return { store, links, members, migrationStore };
}

let restoreClock: () => void;
beforeEach(() => (restoreClock = setClock(Date.UTC(2026, 11, 3))));
afterEach(() => {
  restoreClock();
  delete process.env.RC_INVITE_TOKENS;
});

describe('findOrCreateInvite', () => {
  test("the owner makes a link (public hex _id, UUID inviteToken in the URL); the same request reuses it; bad days or uses: upstream's errors", async () => {
    const { store, links } = memoryLinks();
    const link = await findOrCreateInvite(owner, { rid: 'R1', days: 7, maxUses: 5 }, store);
    expect(link).toMatchObject({ rid: 'R1', userId: 'O', days: 7, maxUses: 5, uses: 0, expires: '2026-12-10T00:00:00.000Z' });
    expect(link._id).toMatch(/^[\da-f]{16}$/);
    if (!('inviteToken' in link)) throw new Error('no inviteToken');
    expect(link.inviteToken).toMatch(UUID);
    expect(link.url).toMatch(new RegExp(`/invite/${link.inviteToken}$`));
    // Stored: the hash and the nonce, never the token.
    expect(JSON.stringify([...links.values()])).not.toContain(link.inviteToken);
    expect(await findOrCreateInvite(owner, { rid: 'R1', days: 7, maxUses: 5 }, store)).toEqual(link);
    await expect(findOrCreateInvite(owner, { rid: 'R1', days: 3, maxUses: 5 }, store)).rejects.toMatchObject({
      code: 'invalid-number-of-days',
    });
    await expect(findOrCreateInvite(owner, { rid: 'R1', days: 7, maxUses: 3 }, store)).rejects.toMatchObject({
      code: 'invalid-number-of-uses',
    });
  });

  test('RC_INVITE_TOKENS=id: the `_id` is the token (23 characters of Meteor ids), no inviteToken, still stored only hashed', async () => {
    process.env.RC_INVITE_TOKENS = 'id';
    const { store, links } = memoryLinks();
    const link = await findOrCreateInvite(owner, { rid: 'R1', days: 7, maxUses: 5 }, store);
    expect(link._id).toMatch(/^[23456789A-HJ-NP-Za-km-z]{23}$/);
    expect(link).not.toHaveProperty('inviteToken');
    expect(JSON.stringify([...links.values()])).not.toContain(link._id);
    expect(await validateInviteToken(link._id, store)).toEqual({ valid: true });
    expect(await findOrCreateInvite(owner, { rid: 'R1', days: 7, maxUses: 5 }, store)).toEqual(link);
    // 7.x's listing shows the `_id` (its token, rebuilt with the key) and removes by it.
    expect((await listInvites(admin, store)).map((l) => l._id)).toEqual([link._id]);
    expect(await removeInvite(admin, link._id, store)).toBe(true);
  });

  test('someone without create-invite-links, not in the room, or banned from it: refused, nothing made', async () => {
    const { store, links, members } = memoryLinks();
    await expect(findOrCreateInvite(joiner, { rid: 'R1', days: 7, maxUses: 5 }, store)).rejects.toMatchObject({ code: 'not_authorized' });
    await expect(findOrCreateInvite(admin, { rid: 'R1', days: 7, maxUses: 5 }, store)).rejects.toMatchObject({
      code: 'error-invalid-room',
    });
    members.push({ _id: 'b', rid: 'R1', u: { _id: 'A', username: 'a' }, roles: [], ts: '', status: 'BANNED' });
    await expect(findOrCreateInvite(admin, { rid: 'R1', days: 7, maxUses: 5 }, store)).rejects.toMatchObject({
      code: 'error-user-is-banned',
      message: 'User is banned from this room',
    });
    expect(links.size).toBe(0);
  });
});

describe('using a link', () => {
  test('validate and use by the token: joins (by the link, from its maker), a member again counts no use; used up: expired; the public _id is no token', async () => {
    const { store, members, links } = memoryLinks();
    const link = await findOrCreateInvite(owner, { rid: 'R1', days: 1, maxUses: 5 }, store);
    const token = 'inviteToken' in link ? link.inviteToken : '';
    expect(await validateInviteToken(token, store)).toEqual({ valid: true });
    expect(await validateInviteToken(link._id, store)).toEqual({ valid: false });
    await expect(useInviteToken(joiner, link._id, store)).rejects.toMatchObject({ code: 'error-invalid-token' });
    expect(await useInviteToken(joiner, token, store)).toEqual({ room: { rid: 'R1', fname: 'general', name: 'general', t: 'c' } });
    expect(members.at(-1)).toMatchObject({ u: { _id: 'J' }, via: { how: 'link', by: { _id: 'O' }, linkId: link._id } });
    expect(await useInviteToken(joiner, token, store)).toMatchObject({ room: { rid: 'R1' } });
    expect(links.get(hashToken(token))?.uses).toBe(1);
    for (const name of ['K', 'L', 'M', 'N']) await useInviteToken(user(name), token, store);
    await expect(useInviteToken(user('P'), token, store)).rejects.toMatchObject({ code: 'error-invite-expired' });
    expect(await validateInviteToken(token, store)).toEqual({ valid: false });
    expect(await validateInviteToken('unknown', store)).toEqual({ valid: false });
  });

  test('an expired link: expired; an unknown one: invalid', async () => {
    const { store } = memoryLinks();
    const link = await findOrCreateInvite(owner, { rid: 'R1', days: 1, maxUses: 0 }, store);
    restoreClock();
    restoreClock = setClock(Date.UTC(2026, 11, 5));
    await expect(useInviteToken(joiner, 'inviteToken' in link ? link.inviteToken : '', store)).rejects.toMatchObject({
      code: 'error-invite-expired',
    });
    await expect(useInviteToken(joiner, 'nope', store)).rejects.toMatchObject({ code: 'error-invalid-token' });
  });

  test('a banned user: error-user-is-banned, no use counted; a live check (expired) comes first, as upstream validates the token first', async () => {
    const { store, members, links } = memoryLinks();
    const link = await findOrCreateInvite(owner, { rid: 'R1', days: 1, maxUses: 5 }, store);
    const token = 'inviteToken' in link ? link.inviteToken : '';
    members.push({ _id: 'b', rid: 'R1', u: { _id: 'J', username: 'j' }, roles: [], ts: '', status: 'BANNED' });
    await expect(useInviteToken(joiner, token, store)).rejects.toMatchObject({
      code: 'error-user-is-banned',
      details: { method: 'useInviteToken' },
    });
    expect(links.get(hashToken(token))?.uses).toBe(0);
    restoreClock();
    restoreClock = setClock(Date.UTC(2026, 11, 5));
    await expect(useInviteToken(joiner, token, store)).rejects.toMatchObject({ code: 'error-invite-expired' });
  });
});

describe('admins: list, remove', () => {
  test('list and remove take manage-invite-links (admins); the list has no token or URL; remove by the public _id only; twice: invalid id', async () => {
    const { store } = memoryLinks();
    const link = await findOrCreateInvite(owner, { rid: 'R1', days: 7, maxUses: 5 }, store);
    const token = 'inviteToken' in link ? link.inviteToken : '';
    await expect(listInvites(owner, store)).rejects.toMatchObject({ code: 'not_authorized' });
    const listed = await listInvites(admin, store);
    expect(listed).toEqual([
      {
        _id: link._id,
        _updatedAt: link._updatedAt,
        rid: 'R1',
        userId: 'O',
        createdAt: link.createdAt,
        expires: link.expires,
        days: 7,
        maxUses: 5,
        uses: 0,
        roomName: 'general',
      },
    ]);
    expect(JSON.stringify(listed)).not.toContain(token);
    await expect(removeInvite(admin, token, store)).rejects.toMatchObject({ code: 'invalid-invitation-id' });
    expect(await removeInvite(admin, link._id, store)).toBe(true);
    await expect(removeInvite(admin, link._id, store)).rejects.toMatchObject({ code: 'invalid-invitation-id' });
  });
});

describe('links stored before the split', () => {
  test('read where they are: usable by their old `_id` (its token) until moved; then legacy, a new public id, the token only hashed, 90 days for an unlimited one', async () => {
    const { store, links, migrationStore } = memoryLinks();
    links.set('OLDTOKEN1', clearLink('OLDTOKEN1'));
    links.set('OLDTOKEN2', clearLink('OLDTOKEN2', { days: 7, expires: '2026-12-06T00:00:00.000Z' }));
    expect(await validateInviteToken('OLDTOKEN1', store)).toEqual({ valid: true });
    expect(await useInviteToken(joiner, 'OLDTOKEN1', store)).toMatchObject({ room: { rid: 'R1' } });

    expect(await migrateClearLinks({ legacyDays: 90 }, migrationStore)).toEqual({
      moved: 2,
      left: 0,
      legacyUntil: '2027-03-03T00:00:00.000Z',
    });
    expect(JSON.stringify([...links.values()])).not.toMatch(/OLDTOKEN/);
    const moved = links.get(hashToken('OLDTOKEN1'))!;
    expect(moved).toMatchObject({ style: 'legacy', uses: 1, expires: '2027-03-03T00:00:00.000Z' });
    expect(moved._id).toMatch(/^[\da-f]{16}$/);
    expect(links.get(hashToken('OLDTOKEN2'))?.expires).toBe('2026-12-06T00:00:00.000Z');

    expect(await useInviteToken(user('K'), 'OLDTOKEN1', store)).toMatchObject({ room: { rid: 'R1' } });
    expect((await listInvites(admin, store)).find((l) => l._id === moved._id)).toMatchObject({ legacy: true });
    // A legacy link is never handed out again for reuse.
    const fresh = await findOrCreateInvite(owner, { rid: 'R1', days: 0, maxUses: 0 }, store);
    expect(fresh._id).not.toBe(moved._id);
    restoreClock();
    restoreClock = setClock(Date.UTC(2027, 2, 3));
    expect(await validateInviteToken('OLDTOKEN1', store)).toEqual({ valid: false });
    expect(await removeInvite(admin, moved._id, store)).toBe(true);
  });
});

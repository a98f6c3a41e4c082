/** The invite link page's model (invite-link-page.ts) against an in-memory store: live, expired, used up, unknown. */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { deepLink, type InviteLinkPageStore, inviteLinkPage } from '../../functions/dialects/rocketchat/domain/invite-link-page';
import { ServiceError } from '../../functions/errors';
import { setClock } from '../../functions/lib/clock';
import { hashToken } from '../../functions/lib/ids';
import type { Room, RoomInvite } from '../../functions/model';
import { roomFixture } from '../support/room-store-fake';

const NOW = Date.parse('2026-06-01T12:00:00.000Z');
const room = (overrides: Partial<Room> = {}): Room => roomFixture({ fname: 'General', ...overrides });
const link = (overrides: Partial<RoomInvite> = {}): RoomInvite => ({
  _id: 'abc123',
  tokenHash: hashToken('abc123'),
  style: 'clear',
  days: 7,
  maxUses: 5,
  rid: 'R1',
  userId: 'O',
  createdAt: '2026-05-30T12:00:00.000Z',
  expires: '2026-06-06T12:00:00.000Z',
  url: '',
  uses: 2,
  _updatedAt: '',
  room: { t: 'c', name: 'general', fname: 'General' },
  ...overrides,
});

function store(links: RoomInvite[], rooms: Room[] = [room()], usernames: Record<string, string> = { O: 'owner' }): InviteLinkPageStore {
  return {
    getInviteLinkByToken: async (token) => links.find((l) => l._id === token),
    getRoom: async (id) => rooms.find((r) => r._id === id),
    usernameOf: async (id) => usernames[id],
  };
}

const env = { RC_SITE_URL: 'https://chat.example.com' };
let restoreClock: () => void;
let savedSite: string | undefined;
beforeEach(() => {
  restoreClock = setClock(NOW);
  savedSite = process.env.RC_SITE_URL;
  process.env.RC_SITE_URL = env.RC_SITE_URL;
});
afterEach(() => {
  restoreClock();
  if (savedSite === undefined) delete process.env.RC_SITE_URL;
  else process.env.RC_SITE_URL = savedSite;
});

describe('inviteLinkPage', () => {
  test('a live link: the room by its display name, its maker, its expiry, the uses left and the deep link', async () => {
    expect(await inviteLinkPage('abc123', store([link()]))).toEqual({
      state: 'live',
      roomName: 'General',
      roomType: 'channel',
      createdBy: 'owner',
      expires: '2026-06-06T12:00:00.000Z',
      usesLeft: 3,
      openUrl: deepLink('abc123', env),
    });
  });

  test('a private group without a display name; unlimited uses; a link that never expires; a maker gone', async () => {
    const page = await inviteLinkPage('abc123', store([link({ maxUses: 0, expires: null })], [room({ t: 'p', fname: '' })], {}));
    expect(page).toMatchObject({
      state: 'live',
      roomName: 'general',
      roomType: 'private group',
      createdBy: 'someone',
      expires: null,
      usesLeft: null,
    });
  });

  test('expired by date, or used up: expired', async () => {
    expect(await inviteLinkPage('abc123', store([link({ expires: '2026-06-01T12:00:00.000Z' })]))).toEqual({ state: 'expired' });
    expect(await inviteLinkPage('abc123', store([link({ uses: 5 })]))).toEqual({ state: 'expired' });
  });

  test('an unknown token, an empty one, or a link whose room is gone: unknown', async () => {
    expect(await inviteLinkPage('nope', store([link()]))).toEqual({ state: 'unknown' });
    expect(await inviteLinkPage('', store([link()]))).toEqual({ state: 'unknown' });
    expect(await inviteLinkPage('abc123', store([link()], []))).toEqual({ state: 'unknown' });
  });

  test('a store failure is not turned into a page: it propagates', async () => {
    const failing: InviteLinkPageStore = {
      ...store([]),
      getInviteLinkByToken: async () => Promise.reject(new ServiceError('unavailable', 'DynamoDB')),
    };
    await expect(inviteLinkPage('abc123', failing)).rejects.toMatchObject({ kind: 'unavailable' });
  });
});

describe('deepLink', () => {
  test("Rocket.Chat's share-dialog link: host without scheme, the path encoded; http sites say secure=no", () => {
    expect(deepLink('abc123', env)).toBe('https://go.rocket.chat/invite?host=chat.example.com&path=invite%2Fabc123');
    expect(deepLink('abc123', { PUBLIC_BASE_URL: 'http://127.0.0.1:3000/', RC_DEEP_LINK_URL: 'https://links.example.com/' })).toBe(
      'https://links.example.com/invite?host=127.0.0.1%3A3000&path=invite%2Fabc123&secure=no',
    );
  });
});

/** Rocket.Chat groups.invite rules (groups-invite.ts) against an in-memory store: private groups only, by id or name, ids or usernames. */
import { describe, expect, test } from 'vitest';
import { groupsUserList, inviteToGroup } from '../../functions/dialects/rocketchat/domain/groups-invite';
import type { Room, RoomMember, User } from '../../functions/model';
import { fakeRoomStore, roomFixture } from '../support/room-store-fake';

const room = (overrides: Partial<Room>): Room => roomFixture({ _id: 'G1', t: 'p', name: 'secret', fname: 'secret', ...overrides });
const owner: User = { _id: 'O', userId: 1, username: 'owner', roles: ['user'], active: true, createdAt: '' };
const ownerIn = (rid: string): RoomMember => ({ _id: `m-${rid}`, rid, u: { _id: 'O', username: 'owner' }, roles: ['owner'], ts: '' });
const people = [
  { _id: 'B', username: 'bob' },
  { _id: 'C', username: 'carol' },
];

describe('groupsUserList (upstream: userIds || usernames, plus the single forms)', () => {
  test.each([
    [
      { userIds: ['B', 'B'], userId: 'C' },
      { userIds: ['B', 'C'], usernames: [] },
    ],
    [
      { usernames: ['@Bob'], username: 'carol' },
      { userIds: [], usernames: ['bob', 'carol'] },
    ],
    // An id given: the whole list is read as ids, the usernames' list too (upstream's `userIds || usernames`).
    [
      { userId: 'B', usernames: ['carol'] },
      { userIds: ['carol', 'B'], usernames: [] },
    ],
    [{ user: ' ' }, { userIds: [], usernames: [] }],
  ])('%j → %j', (params, list) => expect(groupsUserList(params)).toEqual(list));
});

describe('inviteToGroup', () => {
  test('a private group by id or by name: its owner adds users, each with an "au" message', async () => {
    const { store, added } = fakeRoomStore([room({})], [ownerIn('G1')], people);
    await inviteToGroup(owner, { roomId: 'G1', userIds: ['B'] }, store);
    await inviteToGroup(owner, { roomName: 'secret', usernames: ['carol'] }, store);
    expect(added.map((a) => [a.member.rid, a.member.u._id, a.member.via?.how, a.message.t])).toEqual([
      ['G1', 'B', 'invited', 'au'],
      ['G1', 'C', 'invited', 'au'],
    ]);
  });

  test("a public channel, an unknown room, no room param, nobody found: upstream's errors, nothing added", async () => {
    const { store, added } = fakeRoomStore([room({ _id: 'C1', t: 'c', name: 'general' })], [ownerIn('C1')], people);
    await expect(inviteToGroup(owner, { roomId: 'C1', userId: 'B' }, store)).rejects.toMatchObject({ code: 'error-room-not-found' });
    await expect(inviteToGroup(owner, { roomId: 'nope', userId: 'B' }, store)).rejects.toMatchObject({ code: 'error-room-not-found' });
    await expect(inviteToGroup(owner, { userId: 'B' }, store)).rejects.toMatchObject({ code: 'error-room-param-not-provided' });
    const group = fakeRoomStore([room({})], [ownerIn('G1')], people);
    await expect(inviteToGroup(owner, { roomId: 'G1', userIds: ['nobody'] }, group.store)).rejects.toMatchObject({
      code: 'error-empty-invite-list',
    });
    expect([...added, ...group.added]).toEqual([]);
  });
});

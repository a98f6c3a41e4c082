/** Rocket.Chat channels.invite rules against an in-memory store: permissions, user lists, checks. */
import { describe, expect, test } from 'vitest';
import {
  canAddUsers,
  inviteToChannel,
  resolveInvitees,
  userListFromParams,
} from '../../functions/dialects/rocketchat/domain/channels-invite';
import { MAX_INVITEES } from '../../functions/dialects/rocketchat/domain/limits';
import { grantedRoles } from '../../functions/dialects/rocketchat/domain/permissions';
import type { Room, RoomMember, User } from '../../functions/model';

const defaults = grantedRoles(new Map(), ['add-user-to-joined-room', 'add-user-to-any-c-room', 'add-user-to-any-p-room']);

describe('canAddUsers (addUsersToRoom permission rule)', () => {
  const member = (roles: string[]) => ({ roles });
  test.each([
    ['admin, not a member, public channel', ['admin'], undefined, 'c', true],
    ['admin, not a member, private group', ['admin'], undefined, 'p', false],
    ['plain user, member', ['user'], member([]), 'c', false],
    ['plain user, room owner', ['user'], member(['owner']), 'c', true],
    ['plain user, room moderator', ['user'], member(['moderator']), 'p', true],
    ['moderator role without a membership', ['moderator'], undefined, 'c', false],
    ['global moderator role with a membership', ['moderator'], member([]), 'c', true],
  ] as const)('%s → %s', (_name, roles, membership, type, allowed) => {
    expect(canAddUsers({ roles: [...roles] }, { t: type }, membership && { roles: [...membership.roles] }, defaults)).toBe(allowed);
  });

  test('a stored grant replaces the default row', () => {
    const grants = grantedRoles(
      new Map([
        ['add-user-to-any-p-room', ['user']],
        ['add-user-to-joined-room', []],
      ]),
      ['add-user-to-joined-room', 'add-user-to-any-c-room', 'add-user-to-any-p-room'],
    );
    expect(canAddUsers({ roles: ['user'] }, { t: 'p' }, undefined, grants)).toBe(true);
    expect(canAddUsers({ roles: ['user'] }, { t: 'c' }, { roles: ['owner'] }, grants)).toBe(false);
  });
});

describe('user lists (getUserListFromParams)', () => {
  test('single and list forms combine; blanks drop; usernames lose "@" and fold case; duplicates go', () => {
    expect(
      userListFromParams({ userId: 'a', userIds: ['b', 'a', ' ', ''], username: '@Bob', user: 'carol ', usernames: ['BOB', '@', 'dave'] }),
    ).toEqual({ userIds: ['a', 'b'], usernames: ['bob', 'carol', 'dave'] });
  });

  test('resolution keeps ids first, drops unknown names and counts each user once', () => {
    const bob = { _id: 'B', username: 'Bob' };
    const carol = { _id: 'C', username: 'carol' };
    const found = {
      byId: new Map([['B', bob]]),
      byUsername: new Map([
        ['bob', bob],
        ['carol', carol],
      ]),
    };
    expect(resolveInvitees(found, ['B', 'X'], ['bob', 'carol', 'nobody'])).toEqual([bob, carol]);
  });
});

/** A store over plain maps, recording writes. */
import { fakeRoomStore as fakeStore, roomFixture } from '../support/room-store-fake';

const room = roomFixture;
const inviter: User = { _id: 'O', userId: 1, username: 'owner', roles: ['user'], active: true, createdAt: '' };
const ownerMembership: RoomMember = { _id: 'm', rid: 'R1', u: { _id: 'O', username: 'owner' }, roles: ['owner'], ts: '' };

describe('inviteToChannel', () => {
  test('the room owner adds a user by name: one membership and one "au" message naming them', async () => {
    const { store, added } = fakeStore([room()], [ownerMembership], [{ _id: 'B', username: 'bob' }]);
    await inviteToChannel(inviter, { roomName: 'general', username: '@Bob' }, store);
    expect(added).toHaveLength(1);
    expect(added[0]!.member).toMatchObject({ rid: 'R1', u: { _id: 'B', username: 'bob' }, roles: [] });
    expect(added[0]!.message).toMatchObject({ rid: 'R1', t: 'au', msg: 'bob', u: { _id: 'O', username: 'owner' }, groupable: false });
  });

  test.each([
    ['no room param', {}, 'error-roomid-param-not-provided'],
    ['unknown room name', { roomName: 'nope', userId: 'B' }, 'error-room-not-found'],
    ['a private group is no channel', { roomId: 'P1', userId: 'B' }, 'error-room-not-found'],
    ['archived', { roomId: 'A1', userId: 'B' }, 'error-room-archived'],
    ['no users', { roomId: 'R1' }, 'error-users-params-not-provided'],
    ['only unknown users', { roomId: 'R1', userId: 'X' }, 'invalid-user-invite-list'],
  ])('%s → %s, nothing written', async (_name, params, code) => {
    const rooms = [room(), room({ _id: 'P1', t: 'p', name: 'secret' }), room({ _id: 'A1', name: 'old', archived: true })];
    const { store, added } = fakeStore(rooms, [ownerMembership], [{ _id: 'B', username: 'bob' }]);
    await expect(inviteToChannel(inviter, params, store)).rejects.toMatchObject({ code });
    expect(added).toEqual([]);
  });

  test('invitees named by id who are members already are not written again; with nobody new, nothing is written', async () => {
    const bobMembership: RoomMember = { _id: 'b', rid: 'R1', u: { _id: 'B', username: 'bob' }, roles: [], ts: '' };
    const { store, added } = fakeStore(
      [room()],
      [ownerMembership, bobMembership],
      [
        { _id: 'B', username: 'bob' },
        { _id: 'C', username: 'carol' },
      ],
    );
    const reply = await inviteToChannel(inviter, { roomId: 'R1', userId: 'B' }, store);
    expect(added).toEqual([]);
    expect(reply).toMatchObject({ _id: 'R1', usersCount: 1 });
    await inviteToChannel(inviter, { roomId: 'R1', userIds: ['B', 'C'] }, store);
    expect(added.map((a) => a.member.u._id)).toEqual(['C']);
  });

  test.each([
    ['by id', { roomId: 'R1', userIds: ['C', 'B'] }],
    ['by username (their memberships read once the names are resolved)', { roomId: 'R1', usernames: ['carol', 'bob'] }],
  ])('a banned invitee (%s) refuses the whole request with error-user-is-banned; nobody is written', async (_how, params) => {
    const banned: RoomMember = { _id: 'b', rid: 'R1', u: { _id: 'B', username: 'bob' }, roles: [], ts: '', status: 'BANNED' };
    const users = [
      { _id: 'B', username: 'bob' },
      { _id: 'C', username: 'carol' },
    ];
    const { store, added } = fakeStore([room()], [ownerMembership, banned], users);
    await expect(inviteToChannel(inviter, params, store)).rejects.toMatchObject({
      code: 'error-user-is-banned',
      message: 'User is banned from this room',
      details: { method: 'addUsersToRoom' },
    });
    expect(added).toEqual([]);
  });

  test('a plain member may not add users (error-not-allowed), and nothing is written', async () => {
    const { store, added } = fakeStore([room()], [{ ...ownerMembership, roles: [] }], [{ _id: 'B', username: 'bob' }]);
    await expect(inviteToChannel(inviter, { roomId: 'R1', userId: 'B' }, store)).rejects.toMatchObject({
      kind: 'forbidden',
      code: 'error-not-allowed',
    });
    expect(added).toEqual([]);
  });
});

describe('counter shards', () => {
  test('the largest invite has no more chunks than a room has shards (its chunks share no item)', async () => {
    const { ADDITIONS_PER_TRANSACTION, ROOM_COUNTER_SHARDS } = await import('../../functions/dialects/rocketchat/store/rocketchat-rooms');
    expect(Math.ceil(MAX_INVITEES / ADDITIONS_PER_TRANSACTION)).toBeLessThanOrEqual(ROOM_COUNTER_SHARDS);
  });

  test('a room read sums its shards: counts added, latest times', async () => {
    const { pickRoom, roomReadKeys } = await import('../../functions/dialects/rocketchat/store/rocketchat-rooms');
    const { keyId } = await import('../../functions/store/batch');
    const [roomKey, first, second] = roomReadKeys('R9');
    const items = new Map([
      [keyId(roomKey!), { ...roomKey, ...room({ _id: 'R9', usersCount: 3, msgs: 0, _updatedAt: '2026-01-01T00:00:00.000Z' }) }],
      [keyId(first!), { ...first, usersCount: 49, msgs: 49, _updatedAt: '2026-01-02T00:00:00.000Z', lm: '2026-01-02T00:00:00.000Z' }],
      [keyId(second!), { ...second, usersCount: -1, msgs: 0, _updatedAt: '2026-01-03T00:00:00.000Z' }],
    ]);
    expect(pickRoom(items, 'R9')).toMatchObject({
      usersCount: 51,
      msgs: 49,
      lm: '2026-01-02T00:00:00.000Z',
      _updatedAt: '2026-01-03T00:00:00.000Z',
    });
    expect(pickRoom(new Map(), 'R9')).toBeUndefined();
  });
});

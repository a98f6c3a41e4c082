/** The views and notes the domain builds: Rocket.Chat's channel view, the Rooms profile and member views, the group event notes. */
import { describe, expect, test } from 'vitest';
import { invitationAnswered, invitationRevoked, memberRemoved } from '../../functions/dialects/quranreflect/domain/invitation-events';
import { memberView, relationOf, roomListItem, roomProfile } from '../../functions/dialects/quranreflect/domain/room-views';
import { toChannelView } from '../../functions/dialects/rocketchat/domain/channel-view';
import type { Group, Room } from '../../functions/model';
import type { StoredInvitation } from '../../functions/dialects/quranreflect/store/items';

describe('Rocket.Chat channel view', () => {
  test("exactly the API's fields: storage and internal ones never leave", () => {
    const room = {
      _id: 'R',
      t: 'c',
      name: 'g',
      fname: 'g',
      msgs: 1,
      usersCount: 2,
      u: { _id: 'O', username: 'o', extra: 1 },
      ts: 't',
      ro: false,
      sysMes: true,
      default: false,
      _updatedAt: 'u',
      archived: true,
      pk: 'ROOM#R',
    } as unknown as Room;
    expect(toChannelView(room)).toEqual({
      _id: 'R',
      t: 'c',
      name: 'g',
      fname: 'g',
      msgs: 1,
      usersCount: 2,
      u: { _id: 'O', username: 'o' },
      ts: 't',
      ro: false,
      sysMes: true,
      default: false,
      _updatedAt: 'u',
    });
  });
});

describe('Rooms views', () => {
  const group: Group = {
    id: '7',
    name: 'Circle',
    createdBy: { _id: 'O', username: 'owner', userId: 1 },
    createdAt: 'c',
    membersCount: 2,
    url: 'circle',
    description: 'd',
    isPublic: false,
    privateToken: 'secret',
  };
  test("the private token only for admins; the caller's relation; the owner's Rooms id", () => {
    const admin = relationOf(group, { groupId: '7', user: { _id: 'O', username: 'owner' }, role: 'admin', joinedAt: '' }, 'O');
    const member = relationOf(group, { groupId: '7', user: { _id: 'B', username: 'bob' }, role: 'member', joinedAt: '' }, 'B');
    expect(admin).toMatchObject({ isMember: true, isAdmin: true, isOwner: true });
    expect(member).toMatchObject({ isMember: true, isAdmin: false, isOwner: false });
    expect(roomProfile(group, admin, 1)).toMatchObject({ id: 7, privateToken: 'secret', ownerId: '1' });
    expect(roomProfile(group, member, 1)).not.toHaveProperty('privateToken');
    expect(roomListItem(group, member, 1)).toMatchObject({ id: 7, name: 'Circle', isMember: true });
  });
  test("a member view names the member by Rooms id; first and last names from the account's name", () => {
    const view = memberView(
      { groupId: '7', user: { _id: 'B', username: 'bob' }, role: 'member', joinedAt: '' },
      { _id: 'B', userId: 2, username: 'bob', name: 'Bob van Dam', roles: [], active: true, createdAt: '' },
      'O',
    );
    expect(view).toMatchObject({ id: '2', username: 'bob', firstName: 'Bob', lastName: 'van Dam', isOwner: false });
  });
});

describe('group event notes', () => {
  const invitation: StoredInvitation = {
    groupId: '7',
    invitee: { email: 'new@example.com' },
    invitedBy: { _id: 'O', username: 'o', userId: 1 },
    lastInvitedBy: { _id: 'O', username: 'o', userId: 1 },
    createdAt: '',
    lastInvitedAt: '',
    expiresAt: 1_796_889_600,
    invitesSent: 1,
  };
  test('removed (by whom), answered (by which account), revoked: details as the catalogue has them', () => {
    expect(memberRemoved({ id: '7' }, { userId: 2 }, 'removed', { userId: 1 })).toEqual({
      type: 'Member Removed',
      detail: { dialect: 'quranreflect', roomId: 7, userId: '2', how: 'removed', by: { userId: '1' } },
    });
    expect(invitationAnswered('Invitation Rejected', invitation, 3)).toEqual({
      type: 'Invitation Rejected',
      detail: { dialect: 'quranreflect', roomId: 7, invitee: { email: 'new@example.com' }, userId: '3', invitedBy: { userId: '1' } },
    });
    expect(invitationRevoked(invitation)).toEqual({
      type: 'Invitation Revoked',
      detail: {
        dialect: 'quranreflect',
        roomId: 7,
        invitee: { email: 'new@example.com' },
        invitedBy: { userId: '1' },
        expiresAt: '2026-12-10T08:00:00.000Z',
      },
    });
  });
});

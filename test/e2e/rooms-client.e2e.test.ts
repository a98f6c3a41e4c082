/**
 * The QuranReflect Rooms API driven by the official client, `@quranjs/api` (3.10), pointed at the
 * local service: create a group → invite → the `Invitation Created` event's link → accept or
 * reject → members; the private link; join, leave, remove, admin access.
 */
import { createPublicClient, type QuranHttpError } from '@quranjs/api/public';
import { beforeAll, describe, expect, test } from 'vitest';
import { rotateGroupLink, showGroup } from '../../functions/dialects/quranreflect/admin';
import * as fixtures from '../support/fixtures';
import { apiUrl } from '../support/http';
import { eventsOf, latestInvitation, waitForEvents } from '../support/outbox';

let client: string;
beforeAll(async () => {
  client = await fixtures.clientId();
});

type Operation = (request?: Record<string, unknown>) => Promise<any>;
type RoomsOperations = Record<
  | 'groups'
  | 'get'
  | 'invite'
  | 'acceptInvite'
  | 'rejectInvite'
  | 'members'
  | 'roomsControllerRemoveMember'
  | 'join'
  | 'leave'
  | 'adminsAccess'
  | 'roomsControllerAcceptByPrivateToken',
  Operation
>;

/** A signed-in user's Rooms API, as an app using the official client has it. */
function roomsOf(user: fixtures.TestUser): RoomsOperations {
  const sdk = createPublicClient({
    clientId: client,
    clientType: 'public',
    services: { quranReflectBaseUrl: apiUrl() },
    userSession: { accessToken: user.authToken },
  });
  return sdk.quranReflect.v1.rooms as unknown as RoomsOperations;
}

/** The status and body of a refused call (the client throws QuranHttpError). */
async function refusal(call: Promise<unknown>): Promise<{ status: number; payload: unknown }> {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as QuranHttpError | undefined;
  if (!error) throw new Error('the call succeeded');
  return { status: error.status, payload: error.payload };
}

const failure = (message: string, type: string) => ({ message, type, success: false });

async function people() {
  const owner = await fixtures.user({ email: `${fixtures.unique('owner')}@example.com` });
  const invitee = await fixtures.user({ email: `${fixtures.unique('invitee')}@example.com` });
  const stranger = await fixtures.user();
  return { owner, invitee, stranger };
}

async function newGroup(owner: fixtures.TestUser, extra: Record<string, unknown> = {}) {
  const url = fixtures.unique('circle');
  const created = await roomsOf(owner).groups({ body: { name: 'Reading circle', url, description: 'Weekly', ...extra } });
  return { id: created.data.id as number, url, created };
}

describe('Rooms API through @quranjs/api', () => {
  test('create → invite → the event link → accept → members', async () => {
    const { owner, invitee } = await people();
    const { id, created } = await newGroup(owner);
    expect(created).toEqual({
      success: true,
      data: expect.objectContaining({
        id,
        name: 'Reading circle',
        description: 'Weekly',
        roomType: 'group',
        isPublic: false,
        isOwner: true,
        isAdmin: true,
        isMember: true,
        membersCount: 1,
        ownerId: String(owner.userId),
      }),
    });

    const invited = await roomsOf(owner).invite({ path: { id }, body: { userIds: [String(invitee.userId)] } });
    expect(invited).toEqual({ invited: true, inviteStatus: { [String(invitee.userId)]: true } });
    const { event, token } = await latestInvitation(id, { userId: invitee.userId });
    expect(event).toMatchObject({
      source: 'invites',
      detail: { roomId: id, invitee: { userId: String(invitee.userId) }, invitedBy: { userId: String(owner.userId) } },
    });
    expect(event.detail.acceptUrl).toBe(`${apiUrl()}/v1/rooms/${id}/accept-invite?token=${token}`);

    expect(await roomsOf(invitee).acceptInvite({ path: { id }, query: { token } })).toEqual({ accepted: true });
    const members = await roomsOf(invitee).members({ path: { id }, query: { limit: 10, page: 1 } });
    expect(members).toMatchObject({ total: 2, currentPage: 1, limit: 10, pages: 1 });
    expect(members.data.map((m: { id: string; isOwner: boolean; isAdmin: boolean }) => [m.id, m.isOwner, m.isAdmin])).toEqual([
      [String(owner.userId), true, true],
      [String(invitee.userId), false, false],
    ]);
    expect(members.data[1]).toEqual({
      id: String(invitee.userId),
      username: invitee.username,
      firstName: '',
      lastName: '',
      verified: false,
      avatarUrls: { small: '', medium: '', large: '' },
      isAdmin: false,
      isOwner: false,
      isFollowed: false,
      isActive: true,
      followersCount: 0,
    });
    // The token was single use.
    expect(await refusal(roomsOf(invitee).acceptInvite({ path: { id }, query: { token } }))).toEqual({
      status: 400,
      payload: failure('Invalid or expired token', 'invalid_request'),
    });
    await waitForEvents((events) => eventsOf(events, 'Invitation Accepted', id).length === 1, 'Invitation Accepted');
  });

  test('an e-mail invitation: inviteStatus per address, reject removes it, its token then fails', async () => {
    const { owner, invitee } = await people();
    const { id } = await newGroup(owner);
    const unknownEmail = `${fixtures.unique('nobody')}@example.com`;
    // The client camel-cases response keys unless told not to (the keys here are addresses).
    const result = await roomsOf(owner).invite({
      path: { id },
      body: { emails: [invitee.email!, unknownEmail], userIds: [String(owner.userId), '999999999'] },
      preserveResponseKeys: true,
    });
    expect(result).toEqual({
      invited: true,
      inviteStatus: {
        [invitee.email!]: true,
        [unknownEmail]: true,
        [String(owner.userId)]: 'already_a_member',
        '999999999': 'user_not_found',
      },
    });
    // An e-mail of an account invites the account.
    const { token } = await latestInvitation(id, { userId: invitee.userId });
    expect(await roomsOf(invitee).rejectInvite({ path: { id }, query: { token } })).toEqual({ rejected: true });
    expect(await refusal(roomsOf(invitee).acceptInvite({ path: { id }, query: { token } }))).toMatchObject({ status: 400 });
    expect((await roomsOf(owner).get({ path: { id } })).membersCount).toBe(1);
  });

  test('the profile: private groups hidden from strangers, the private link only for admins; the link admits', async () => {
    const { owner, invitee, stranger } = await people();
    const { id, url } = await newGroup(owner);
    const profile = await roomsOf(owner).get({ path: { id } });
    expect(profile).toMatchObject({ id, isAdmin: true, isOwner: true, mutualFollowers: [], mutualFollowersCount: 0 });
    expect(profile.privateToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await refusal(roomsOf(stranger).get({ path: { id } }))).toEqual({
      status: 404,
      payload: failure(`Room ${id} not found`, 'not_found'),
    });

    const join = (user: fixtures.TestUser, token: string) => roomsOf(user).roomsControllerAcceptByPrivateToken({ path: { url, token } });
    expect(await join(invitee, profile.privateToken)).toEqual({ roomId: id, success: true, isNewMember: true });
    expect(await join(invitee, profile.privateToken)).toEqual({ roomId: id, success: true, isNewMember: false });
    const member = await roomsOf(invitee).get({ path: { id } });
    expect(member).toMatchObject({ isMember: true, isAdmin: false });
    expect(member.privateToken).toBeUndefined();

    // Rotating the link (admin CLI) voids the old one.
    const { privateToken } = await rotateGroupLink({ group: String(id) });
    expect(await refusal(join(stranger, profile.privateToken))).toMatchObject({ status: 400 });
    expect(await join(stranger, privateToken)).toMatchObject({ isNewMember: true });
    expect((await showGroup({ group: String(id) })).membersCount).toBe(3);
  });

  test('join and leave: public only, a private group hidden as unknown; the owner cannot leave', async () => {
    const { owner, invitee, stranger } = await people();
    const open = await newGroup(owner, { public: true });
    const closed = await newGroup(owner);
    expect(await roomsOf(invitee).join({ path: { groupId: open.id } })).toEqual({ joined: true });
    expect(await roomsOf(invitee).join({ path: { groupId: open.id } })).toEqual({ joined: false });
    // A private group the caller is not in answers as an unknown id (join and leave alike).
    for (const groupId of [closed.id, 999_999_999]) {
      expect(await refusal(roomsOf(invitee).join({ path: { groupId } }))).toEqual({
        status: 404,
        payload: failure(`Room ${groupId} not found`, 'not_found'),
      });
      expect(await refusal(roomsOf(invitee).leave({ path: { groupId } }))).toEqual({
        status: 404,
        payload: failure(`Room ${groupId} not found`, 'not_found'),
      });
    }
    // Anyone lists a public group's members.
    expect((await roomsOf(stranger).members({ path: { id: open.id } })).total).toBe(2);
    expect(await roomsOf(invitee).leave({ path: { groupId: open.id } })).toEqual({ left: true });
    expect(await roomsOf(invitee).leave({ path: { groupId: open.id } })).toEqual({ left: false });
    expect(await refusal(roomsOf(owner).leave({ path: { groupId: open.id } }))).toEqual({
      status: 403,
      payload: failure('Owner cannot leave - transfer ownership first', 'forbidden'),
    });
  });

  test('admins: grant, remove members, never the owner; members remove only themselves', async () => {
    const { owner, invitee, stranger } = await people();
    const { id } = await newGroup(owner, { public: true });
    await roomsOf(invitee).join({ path: { groupId: id } });
    await roomsOf(stranger).join({ path: { groupId: id } });
    expect(await refusal(roomsOf(stranger).roomsControllerRemoveMember({ path: { id, userId: String(invitee.userId) } }))).toEqual({
      status: 403,
      payload: failure('User not authorized to remove this member', 'forbidden'),
    });
    expect(await roomsOf(owner).adminsAccess({ body: { roomId: id, userId: String(invitee.userId), admin: true } })).toEqual({
      success: true,
    });
    expect(await refusal(roomsOf(invitee).adminsAccess({ body: { roomId: id, userId: String(owner.userId), admin: false } }))).toEqual({
      status: 403,
      payload: failure("The owner's admin access cannot be revoked", 'forbidden'),
    });
    expect(await refusal(roomsOf(invitee).roomsControllerRemoveMember({ path: { id, userId: String(owner.userId) } }))).toMatchObject({
      status: 403,
    });
    expect(await roomsOf(invitee).roomsControllerRemoveMember({ path: { id, userId: String(stranger.userId) } })).toEqual({
      success: true,
    });
    expect(await refusal(roomsOf(invitee).roomsControllerRemoveMember({ path: { id, userId: String(stranger.userId) } }))).toMatchObject({
      status: 404,
    });
    expect(await roomsOf(invitee).roomsControllerRemoveMember({ path: { id, userId: String(invitee.userId) } })).toEqual({ success: true });
    expect((await roomsOf(owner).members({ path: { id } })).total).toBe(1);
  });
});

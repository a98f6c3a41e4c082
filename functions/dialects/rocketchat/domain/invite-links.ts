/**
 * Rocket.Chat invite links (apps/meteor/app/invites/server/functions, 7.x): findOrCreateInvite,
 * listInvites, removeInvite, validateInviteToken, useInviteToken — checks in
 * Rocket.Chat's order, its error ids and messages (see ../README.md, "What upstream Rocket.Chat does").
 * Deviation: a link's id (its token) is 23 characters of Meteor's alphabet (~133 bits), not 6.
 */
import { ServiceError } from '../../../errors';
import { clock } from '../../../lib/clock';
import { randomId } from '../../../lib/ids';
import type { Room, RoomInvite, RoomMember, RoomMessage, User } from '../../../model';
import type { InviteLinkReads, UseLinkOutcome } from '../store/invite-links';
import * as linkStore from '../store/invite-links';
import { readStoredGrant } from '../store/permissions';
import { getRoom } from '../store/rocketchat-rooms';
import { currentPermissionRoles, grantedRoles, holdsPermission } from './permissions';
import { newMembership } from './rooms';

export interface InviteLinkStore {
  readInviteLinkContext(input: {
    roomId: string;
    userId: string;
    days: number;
    maxUses: number;
    permissions: readonly string[];
  }): Promise<InviteLinkReads>;
  getInviteLink(id: string): Promise<RoomInvite | undefined>;
  /** Stores a new link in the caller's reuse slot, which must still hold `previousId`. */
  insertInviteLink(invite: RoomInvite, previousId: string | undefined): Promise<'created' | 'slot-changed'>;
  listInviteLinks(): Promise<RoomInvite[]>;
  deleteInviteLink(id: string): Promise<boolean>;
  readStoredGrant(permission: string): Promise<string[] | undefined>;
  joinByInviteLink(invite: RoomInvite, member: RoomMember, message: RoomMessage, nowIso: string): Promise<UseLinkOutcome>;
  getRoom(roomId: string): Promise<Room | undefined>;
}

export const ALLOWED_DAYS = [0, 1, 7, 15, 30];
export const ALLOWED_MAX_USES = [0, 1, 5, 10, 25, 50, 100];
/** A link token: Meteor's id alphabet (55 characters), 23 of them: ~133 bits. */
const LINK_ID_LENGTH = 23;

const meteorError = (code: string, message: string, details?: Record<string, unknown>) =>
  new ServiceError('invalid_request', message, { code, details });
const notAuthorized = () => new ServiceError('forbidden', '', { code: 'not_authorized' });
const invalidToken = () =>
  meteorError('error-invalid-token', 'The invite token is invalid.', { method: 'validateInviteToken', field: 'token' });

/** Rocket.Chat's `allowMemberAction(room, INVITE)`: public and private rooms only. */
const invitable = (room: Pick<Room, 't'>) => room.t === 'c' || room.t === 'p';

/**
 * The link's URL, as Rocket.Chat's `getInviteUrl`: `direct` (`<site>/invite/<id>`, the default
 * here) or `proxy` (through the deep-link host), by RC_INVITE_URL_TYPE; the site is RC_SITE_URL
 * (default: the API's public URL), the deep-link host RC_DEEP_LINK_URL (default go.rocket.chat).
 */
export function inviteUrl(id: string, env: NodeJS.ProcessEnv = process.env): string {
  const site = (env.RC_SITE_URL || env.PUBLIC_BASE_URL || '').replace(/\/+$/, '');
  if ((env.RC_INVITE_URL_TYPE ?? 'direct') === 'direct') return `${site}/invite/${id}`;
  const deepLink = (env.RC_DEEP_LINK_URL || 'https://go.rocket.chat').replace(/\/+$/, '');
  const host = site.replace(/^https?:\/\//, '');
  return `${deepLink}/invite?host=${host}&path=${encodeURIComponent(`invite/${id}`)}${site.startsWith('http://') ? '&secure=no' : ''}`;
}

/** The link as the API shows it: stored fields in Rocket.Chat's order, the internal snapshot left out. */
export const inviteView = (invite: RoomInvite, url = invite.url) => ({
  _id: invite._id,
  days: invite.days,
  maxUses: invite.maxUses,
  rid: invite.rid,
  userId: invite.userId,
  createdAt: invite.createdAt,
  expires: invite.expires,
  url,
  uses: invite.uses,
  _updatedAt: invite._updatedAt,
});

const live = (invite: RoomInvite, nowIso: string) =>
  (invite.expires === null || invite.expires > nowIso) && (invite.maxUses === 0 || invite.uses < invite.maxUses);

const dynamoStore: InviteLinkStore = { ...linkStore, getRoom, readStoredGrant };

/** POST /api/v1/findOrCreateInvite. */
export async function findOrCreateInvite(
  caller: User,
  input: { rid: string; days: number; maxUses: number },
  store: InviteLinkStore = dynamoStore,
) {
  if (!input.rid)
    throw meteorError('error-the-field-is-required', 'The field rid is required', { method: 'findOrCreateInvite', field: 'rid' });
  const reads = await store.readInviteLinkContext({
    roomId: input.rid,
    userId: caller._id,
    days: input.days,
    maxUses: input.maxUses,
    permissions: ['create-invite-links'],
  });
  const grants = grantedRoles(reads.storedGrants, ['create-invite-links']);
  // Room-scoped: the caller's global roles plus those of their subscription (owner, moderator).
  if (!holdsPermission(grants, 'create-invite-links', [...caller.roles, ...(reads.callerMembership?.roles ?? [])])) throw notAuthorized();
  const invalidRoom = () => meteorError('error-invalid-room', 'The rid field is invalid', { method: 'findOrCreateInvite', field: 'rid' });
  if (!reads.callerMembership || !reads.room) throw invalidRoom();
  if (!invitable(reads.room)) throw meteorError('error-room-type-not-allowed', 'Cannot create invite links for this room type');
  if (!ALLOWED_DAYS.includes(input.days)) {
    throw meteorError('invalid-number-of-days', 'Invite should expire in 1, 7, 15 or 30 days, or send 0 to never expire.');
  }
  if (!ALLOWED_MAX_USES.includes(input.maxUses)) {
    throw meteorError('invalid-number-of-uses', 'Invite should be valid for 1, 5, 10, 25, 50, 100 or infinite (0) uses.');
  }
  const nowMs = clock.now();
  const reusable = async (id: string | undefined) => {
    const existing = id ? await store.getInviteLink(id) : undefined;
    return existing && live(existing, new Date(nowMs).toISOString()) ? existing : undefined;
  };
  const existing = await reusable(reads.slotInviteId);
  if (existing) return inviteView(existing, inviteUrl(existing._id));
  const now = new Date(nowMs).toISOString();
  const invite: RoomInvite = {
    _id: randomId(LINK_ID_LENGTH),
    days: input.days,
    maxUses: input.maxUses,
    rid: input.rid,
    userId: caller._id,
    createdAt: now,
    // Calendar days in the server's time zone (UTC on Lambda).
    expires: input.days === 0 ? null : new Date(nowMs + input.days * 86_400_000).toISOString(),
    url: '',
    uses: 0,
    _updatedAt: now,
    room: { t: reads.room.t, name: reads.room.name, fname: reads.room.fname },
  };
  if ((await store.insertInviteLink(invite, reads.slotInviteId)) === 'created') return inviteView(invite, inviteUrl(invite._id));
  // Another identical request made one meanwhile: reuse it.
  const raced = await store.readInviteLinkContext({
    roomId: input.rid,
    userId: caller._id,
    days: input.days,
    maxUses: input.maxUses,
    permissions: [],
  });
  const winner = await reusable(raced.slotInviteId);
  if (!winner) throw new ServiceError('unavailable', 'Could not create the invite, try again');
  return inviteView(winner, inviteUrl(winner._id));
}

/** Global (not room-scoped) `create-invite-links`: in practice admins. */
async function requireGlobalPermission(caller: User, permission: string, store: InviteLinkStore, refusal: () => ServiceError) {
  const roles = await currentPermissionRoles(permission, store);
  if (!caller.roles.some((role) => roles.includes(role))) throw refusal();
}

/** GET /api/v1/listInvites: every link of every room (a bare array; stored `url` is ""). */
export async function listInvites(caller: User, store: InviteLinkStore = dynamoStore) {
  await requireGlobalPermission(caller, 'create-invite-links', store, notAuthorized);
  return (await store.listInviteLinks()).map((invite) => inviteView(invite));
}

/** DELETE /api/v1/removeInvite/:_id → bare `true`. */
export async function removeInvite(caller: User, id: string, store: InviteLinkStore = dynamoStore) {
  await requireGlobalPermission(caller, 'create-invite-links', store, notAuthorized);
  if (!id) throw meteorError('error-the-field-is-required', 'The field _id is required', { method: 'removeInvite', field: '_id' });
  if (!(await store.deleteInviteLink(id))) throw meteorError('invalid-invitation-id', 'Invalid Invitation _id', { method: 'removeInvite' });
  return true;
}

/** Rocket.Chat's `validateInviteToken`: the link and its room, or the first failing check. */
export async function validLink(
  token: string,
  store: Pick<InviteLinkStore, 'getInviteLink' | 'getRoom'>,
): Promise<{ invite: RoomInvite; room: Room }> {
  if (!token) throw invalidToken();
  const invite = await store.getInviteLink(token);
  if (!invite) throw invalidToken();
  const room = await store.getRoom(invite.rid);
  if (!room) throw meteorError('error-invalid-room', 'The invite token is invalid.', { method: 'validateInviteToken', field: 'rid' });
  const now = clock.iso();
  if (invite.expires !== null && invite.expires <= now) {
    throw meteorError('error-invite-expired', 'The invite token has expired.', { method: 'validateInviteToken', field: 'expires' });
  }
  if (invite.maxUses > 0 && invite.uses >= invite.maxUses) {
    throw meteorError('error-invite-expired', 'The invite token has expired.', { method: 'validateInviteToken', field: 'maxUses' });
  }
  return { invite, room };
}

/** POST /api/v1/validateInviteToken (no login): `{valid}`, never an error for a bad token. */
export async function validateInviteToken(token: string, store: InviteLinkStore = dynamoStore) {
  const valid = await validLink(token, store).then(
    () => true,
    (error: unknown) => {
      if (error instanceof ServiceError && error.kind === 'invalid_request') return false;
      throw error;
    },
  );
  return { valid };
}

/**
 * POST /api/v1/useInviteToken: one read (the link; the room comes from the link's snapshot), one
 * transaction (count the use, add the member, post `uj`, move the counters). A member already: 200,
 * nothing counted. A refused transaction is explained by reading the link again.
 */
export async function useInviteToken(caller: User, token: string, store: InviteLinkStore = dynamoStore) {
  if (!token) throw invalidToken();
  const invite = await store.getInviteLink(token);
  if (!invite) throw invalidToken();
  if (!invitable(invite.room)) throw meteorError('error-room-type-not-allowed', "Can't join room of this type via invite");
  const now = clock.iso();
  const user = { _id: caller._id, username: caller.username };
  const outcome = await store.joinByInviteLink(
    invite,
    newMembership(invite.rid, user, [], now, { how: 'link', by: { _id: invite.userId }, linkId: invite._id }),
    // Rocket.Chat's `uj` ("user joined") system message: posted by the joining user.
    { _id: randomId(), rid: invite.rid, t: 'uj', msg: caller.username, u: user, groupable: false, ts: now, _updatedAt: now },
    now,
  );
  if (outcome === 'link-refused') {
    await validLink(token, store); // throws the precise error (expired, used up, gone)
    throw invalidToken();
  }
  const { t, name, fname, prid } = invite.room;
  return { room: { rid: invite.rid, ...(prid ? { prid } : {}), fname, name, t } };
}

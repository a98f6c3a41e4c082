/**
 * Rocket.Chat invite links (apps/meteor/server/lib/rooms/invites, 8.x): findOrCreateInvite,
 * listInvites, removeInvite, validateInviteToken, useInviteToken — checks in Rocket.Chat's order,
 * its error ids and messages (see ../README.md). A link has a public `_id` and a secret token
 * (upstream's `inviteToken`; with RC_INVITE_TOKENS=id the `_id` is the token, as 7.x); the table
 * holds only the token's hash (link-tokens.ts). Links made before the split keep working by their
 * old `_id` (`legacy` once moved, `clear` until then).
 */
import { ServiceError } from '../../../errors';
import { clock } from '../../../lib/clock';
import { randomId } from '../../../lib/ids';
import type { Room, RoomInvite, RoomMember, RoomMessage, User } from '../../../model';
import { invitationTokenKey } from '../../../secrets/invitation-token-key';
import type { InviteLinkReads, LinkPointer, LinkSlot, UseLinkOutcome } from '../store/invite-links';
import { publicLinkId } from '../store/entities/invite-link';
import * as linkStore from '../store/invite-links';
import { readStoredGrant } from '../store/permissions';
import { getRoom, getRoomMember } from '../store/rocketchat-rooms';
import { issueLinkToken, linkToken, newLinkStyle, newPublicLinkId } from './link-tokens';
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
  getSlotLink(slot: LinkSlot): Promise<RoomInvite | undefined>;
  getInviteLinkByToken(token: string): Promise<RoomInvite | undefined>;
  /** Where a public id's link is, from its pointer alone. */
  getLinkPointer(publicId: string): Promise<LinkPointer | undefined>;
  /** Stores a new link in the caller's reuse slot, which must still hold `previous`. */
  insertInviteLink(invite: RoomInvite, previous: LinkSlot | undefined): Promise<'created' | 'slot-changed'>;
  listInviteLinks(): Promise<RoomInvite[]>;
  deleteInviteLink(invite: LinkKey): Promise<boolean>;
  readStoredGrant(permission: string): Promise<string[] | undefined>;
  joinByInviteLink(invite: RoomInvite, member: RoomMember, message: RoomMessage, nowIso: string): Promise<UseLinkOutcome>;
  getRoom(roomId: string): Promise<Room | undefined>;
  getRoomMember(roomId: string, userId: string): Promise<RoomMember | undefined>;
  /** The invitation-token key (read once per instance). */
  tokenKey(): Promise<Buffer>;
}

/** What a link is deleted by: its public id, its hash and its style. */
export type LinkKey = Pick<RoomInvite, '_id' | 'tokenHash' | 'style'>;

export const ALLOWED_DAYS = [0, 1, 7, 15, 30];
export const ALLOWED_MAX_USES = [0, 1, 5, 10, 25, 50, 100];

const meteorError = (code: string, message: string, details?: Record<string, unknown>) =>
  new ServiceError('invalid_request', message, { code, details });
const notAuthorized = () => new ServiceError('forbidden', '', { code: 'not_authorized' });
export const invalidToken = () =>
  meteorError('error-invalid-token', 'The invite token is invalid.', { method: 'validateInviteToken', field: 'token' });
/** Upstream 8.x (PR #40087): a banned subscription. */
export const userIsBanned = (method: string) => meteorError('error-user-is-banned', 'User is banned from this room', { method });

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

/** The token a link shows again: rebuilt with the key (`separate`, `id`), its clear `_id`, or none (`legacy`: only its hash is kept). */
export async function tokenOf(invite: RoomInvite, store: Pick<InviteLinkStore, 'tokenKey'>): Promise<string | undefined> {
  if (invite.style === 'clear') return invite._id;
  if (invite.style === 'legacy' || !invite.tokenNonce) return undefined;
  return linkToken(await store.tokenKey(), invite.tokenNonce, invite.style);
}

/**
 * A link as findOrCreateInvite answers it (upstream's IInvite): with `separate` tokens
 * `{_id, inviteToken, …, url}`; with `id` tokens (and links not yet moved) 7.x's `{_id, …, url}`
 * with the token as `_id`. The URL carries the token; the stored `url` stays "".
 */
export function inviteView(invite: RoomInvite, token: string) {
  const common = {
    days: invite.days,
    maxUses: invite.maxUses,
    rid: invite.rid,
    userId: invite.userId,
    createdAt: invite.createdAt,
    expires: invite.expires,
    url: inviteUrl(token),
    uses: invite.uses,
    _updatedAt: invite._updatedAt,
  };
  return invite.style === 'separate' ? { _id: invite._id, inviteToken: token, ...common } : { _id: token, ...common };
}

/**
 * A link as listInvites shows it. Public-id links (`separate`, `legacy`): upstream's
 * `findInvitesForManagement` — no token, no URL, `legacy` where set, the room's name. `id` links
 * (and links not yet moved): 7.x's stored fields, `_id` (the token) included, `url` "".
 */
async function listedView(invite: RoomInvite, store: Pick<InviteLinkStore, 'tokenKey'>) {
  if (invite.style === 'separate' || invite.style === 'legacy') {
    return {
      _id: invite._id,
      _updatedAt: invite._updatedAt,
      rid: invite.rid,
      userId: invite.userId,
      createdAt: invite.createdAt,
      expires: invite.expires,
      days: invite.days,
      maxUses: invite.maxUses,
      uses: invite.uses,
      ...(invite.style === 'legacy' ? { legacy: true } : {}),
      roomName: invite.room.fname || invite.room.name,
    };
  }
  const token = (await tokenOf(invite, store))!;
  const { url: _url, ...fields } = inviteView(invite, token);
  return { ...fields, url: '' };
}

const live = (invite: RoomInvite, nowIso: string) =>
  (invite.expires === null || invite.expires > nowIso) && (invite.maxUses === 0 || invite.uses < invite.maxUses);

const dynamoStore: InviteLinkStore = { ...linkStore, getRoom, getRoomMember, readStoredGrant, tokenKey: invitationTokenKey };

/** POST /api/v1/findOrCreateInvite. */
export async function findOrCreateInvite(
  caller: User,
  input: { rid: string; days: number; maxUses: number },
  store: InviteLinkStore = dynamoStore,
) {
  if (!input.rid)
    throw meteorError('error-the-field-is-required', 'The field rid is required', { method: 'findOrCreateInvite', field: 'rid' });
  const style = newLinkStyle();
  // The key is read (once per instance) alongside the context, not after it.
  const key = store.tokenKey();
  key.catch(() => undefined);
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
  if (!reads.callerMembership) throw invalidRoom();
  if (reads.callerMembership.status === 'BANNED') throw userIsBanned('findOrCreateInvite');
  if (!reads.room) throw invalidRoom();
  if (!invitable(reads.room)) throw meteorError('error-room-type-not-allowed', 'Cannot create invite links for this room type');
  if (!ALLOWED_DAYS.includes(input.days)) {
    throw meteorError('invalid-number-of-days', 'Invite should expire in 1, 7, 15 or 30 days, or send 0 to never expire.');
  }
  if (!ALLOWED_MAX_USES.includes(input.maxUses)) {
    throw meteorError('invalid-number-of-uses', 'Invite should be valid for 1, 5, 10, 25, 50, 100 or infinite (0) uses.');
  }
  const nowMs = clock.now();
  // Upstream reuses neither legacy links nor links without a token; here also none of the other style.
  const reusable = async (slot: LinkSlot | undefined) => {
    const existing = slot?.attribute === 'linkHash' ? await store.getSlotLink(slot) : undefined;
    return existing && existing.style === style && live(existing, new Date(nowMs).toISOString()) ? existing : undefined;
  };
  const existing = await reusable(reads.slot);
  if (existing) return inviteView(existing, (await tokenOf(existing, store))!);
  const now = new Date(nowMs).toISOString();
  const { token, tokenNonce, tokenHash } = issueLinkToken(await key, style);
  const invite: RoomInvite = {
    _id: newPublicLinkId(),
    tokenHash,
    tokenNonce,
    style,
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
  if ((await store.insertInviteLink(invite, reads.slot)) === 'created') return inviteView(invite, token);
  // Another identical request made one meanwhile: reuse it.
  const raced = await store.readInviteLinkContext({
    roomId: input.rid,
    userId: caller._id,
    days: input.days,
    maxUses: input.maxUses,
    permissions: [],
  });
  const winner = await reusable(raced.slot);
  if (!winner) throw new ServiceError('unavailable', 'Could not create the invite, try again');
  return inviteView(winner, (await tokenOf(winner, store))!);
}

/**
 * Who may list and remove links: upstream's `manage-invite-links` (admins) once tokens are
 * separate; 7.x's global `create-invite-links` (in practice admins) with `id` tokens.
 */
const managePermission = () => (newLinkStyle() === 'separate' ? 'manage-invite-links' : 'create-invite-links');

async function requireGlobalPermission(caller: User, permission: string, store: InviteLinkStore) {
  const roles = await currentPermissionRoles(permission, store);
  if (!caller.roles.some((role) => roles.includes(role))) throw notAuthorized();
}

/** GET /api/v1/listInvites: every link of every room (a bare array), without tokens where the `_id` is not one. */
export async function listInvites(caller: User, store: InviteLinkStore = dynamoStore) {
  await requireGlobalPermission(caller, managePermission(), store);
  return Promise.all((await store.listInviteLinks()).map((invite) => listedView(invite, store)));
}

/**
 * The link an API `_id` (removeInvite's path, sendInvitationEmail's `inviteId`) names: a public
 * id's pointer (one read), else — `id` links and links not yet moved, whose `_id` is their token —
 * the link that token opens. A `separate` link is never named by its token, an `id` link never by
 * its stored public id.
 */
export async function linkNamedBy(
  id: string,
  store: Pick<InviteLinkStore, 'getLinkPointer' | 'getInviteLinkByToken'>,
): Promise<{ pointer: LinkPointer } | { link: RoomInvite } | undefined> {
  const pointer = await store.getLinkPointer(id);
  if (pointer && pointer.style !== 'id') return { pointer };
  const link = await store.getInviteLinkByToken(id);
  return link && (link.style === 'id' || link.style === 'clear') ? { link } : undefined;
}

/** DELETE /api/v1/removeInvite/:_id → bare `true`. The link is looked up while the grant is read. */
export async function removeInvite(caller: User, id: string, store: InviteLinkStore = dynamoStore) {
  const named = id ? linkNamedBy(id, store) : undefined;
  named?.catch(() => undefined);
  await requireGlobalPermission(caller, managePermission(), store);
  if (!id) throw meteorError('error-the-field-is-required', 'The field _id is required', { method: 'removeInvite', field: '_id' });
  const target = await named;
  const invite = target && ('pointer' in target ? target.pointer : target.link);
  if (!invite || !(await store.deleteInviteLink(invite)))
    throw meteorError('invalid-invitation-id', 'Invalid Invitation _id', { method: 'removeInvite' });
  return true;
}

/** The checks of Rocket.Chat's `validateInviteToken` on a link found (or not). */
export function checkLink(invite: RoomInvite | undefined, room: Room | undefined): { invite: RoomInvite; room: Room } {
  if (!invite) throw invalidToken();
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

/** Rocket.Chat's `validateInviteToken`: the link its token opens and its room, or the first failing check. */
export async function validLink(
  token: string,
  store: Pick<InviteLinkStore, 'getInviteLinkByToken' | 'getRoom'>,
): Promise<{ invite: RoomInvite; room: Room }> {
  if (!token) throw invalidToken();
  const invite = await store.getInviteLinkByToken(token);
  if (!invite) throw invalidToken();
  return checkLink(invite, await store.getRoom(invite.rid));
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
 * nothing counted; a banned user (their membership item holds the ban, so the transaction refuses
 * them with no extra read): `error-user-is-banned`. A refused transaction is explained by reading again.
 */
export async function useInviteToken(caller: User, token: string, store: InviteLinkStore = dynamoStore) {
  if (!token) throw invalidToken();
  let invite = await store.getInviteLinkByToken(token);
  if (!invite) throw invalidToken();
  if (!invitable(invite.room)) throw meteorError('error-room-type-not-allowed', "Can't join room of this type via invite");
  const now = clock.iso();
  const user = { _id: caller._id, username: caller.username };
  const join = (link: RoomInvite) =>
    store.joinByInviteLink(
      link,
      newMembership(link.rid, user, [], now, { how: 'link', by: { _id: link.userId }, linkId: publicLinkId(link) }),
      // Rocket.Chat's `uj` ("user joined") system message: posted by the joining user.
      { _id: randomId(), rid: link.rid, t: 'uj', msg: caller.username, u: user, groupable: false, ts: now, _updatedAt: now },
      now,
    );
  let outcome = await join(invite);
  if (outcome === 'link-refused') {
    const { invite: current } = await validLink(token, store); // throws the precise error (expired, used up, gone)
    // Still live: it was moved (invite-links migrate) between the read and the write; once more at its new place.
    if (current.tokenHash !== invite.tokenHash || current.style !== invite.style) {
      invite = current;
      outcome = await join(invite);
    }
    if (outcome === 'link-refused') throw invalidToken();
  }
  if (outcome === 'already-member' && (await store.getRoomMember(invite.rid, caller._id))?.status === 'BANNED') {
    throw userIsBanned('useInviteToken');
  }
  const { t, name, fname, prid } = invite.room;
  return { room: { rid: invite.rid, ...(prid ? { prid } : {}), fname, name, t } };
}

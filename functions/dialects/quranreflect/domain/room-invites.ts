/**
 * Rooms invitations: admins invite users (by Rooms user id) and e-mail addresses; the invitee
 * accepts or rejects with the token of the `Invitation Created` event. Invitations are the same
 * items the Groups API's inviteUser makes, so either API's invitation is accepted here.
 */
import { ServiceError } from '../../../errors';
import { clock } from '../../../lib/clock';
import { hashToken } from '../../../lib/ids';
import type { EventNote, GroupMember, Invitee, User } from '../../../model';
import type { RoomInviteReads, RoomReads } from '../store/group-reads';
import type { AcceptOutcome, UpsertOutcome } from '../store/invitations';
import type { StoredInvitation } from '../store/items';
import type { RoomReadInput } from './rooms';
import { expiryPolicies } from '../../../policies';
import * as reads from '../store/group-reads';
import * as invitationStore from '../store/invitations';
import { invitationTokenKey } from '../../../secrets/invitation-token-key';
import { invitationAnswered } from './invitation-events';
import { newInvitation } from './invite-user';
import { roomNotFound } from './rooms';
import { parseRoomsUserId } from './rooms-user-id';

export interface RoomInviteStore {
  readRoomInviteContext(input: { groupId: string; callerId: string; userNumbers: number[]; emails: string[] }): Promise<RoomInviteReads>;
  readRoom(input: RoomReadInput): Promise<RoomReads>;
  upsertInvitation(fresh: StoredInvitation, nowSeconds: number, checkGroup?: boolean): Promise<UpsertOutcome>;
  acceptInvitation(
    invitation: StoredInvitation,
    tokenHash: string,
    member: GroupMember,
    nowSeconds: number,
    note: EventNote,
  ): Promise<AcceptOutcome>;
  deleteInvitationWithToken(invitation: StoredInvitation, tokenHash: string, nowSeconds: number, note?: EventNote): Promise<boolean>;
  /** The key invitation tokens are made with (read once per instance). */
  tokenKey(): Promise<Buffer>;
}

const dynamoStore: RoomInviteStore = { ...reads, ...invitationStore, tokenKey: invitationTokenKey };

/** Why an invitee got no invitation (`inviteStatus` values besides `true`). */
export type InviteRefusal = 'already_a_member' | 'user_not_found';

/**
 * POST /v1/rooms/{id}/invite: one read for the group, the caller's membership and every invitee's
 * account; then one transaction per distinct invitee, concurrently (they share no item: see
 * store/invitations.ts). Each invitation made or renewed becomes an `Invitation Created` event
 * from the table's stream.
 */
export async function inviteToRoom(
  caller: User,
  id: string,
  input: { userIds: string[]; emails: string[] },
  store: RoomInviteStore = dynamoStore,
): Promise<{ invited: boolean; inviteStatus: Record<string, true | InviteRefusal> }> {
  const userIds = [...new Set(input.userIds)];
  const emails = [...new Set(input.emails)];
  const userNumbers = [...new Set(userIds.map(parseRoomsUserId).filter((number) => number !== undefined))];
  const [reads, tokenKey] = await Promise.all([
    store.readRoomInviteContext({
      groupId: id,
      callerId: caller._id,
      userNumbers,
      emails: [...new Set(emails.map((e) => e.toLowerCase()))],
    }),
    store.tokenKey(),
  ]);
  if (!reads.group || (!reads.group.isPublic && !reads.callerMembership)) throw roomNotFound(id);
  if (reads.callerMembership?.role !== 'admin') throw new ServiceError('forbidden', 'User not authorized to invite members');

  // Each key as sent → the invitee it names; one invitation per distinct invitee.
  const status: Record<string, true | InviteRefusal> = {};
  const invitees = new Map<string, { invitee: Invitee; keys: string[] }>();
  const add = (key: string, invitee: Invitee) => {
    const id = invitee.kind === 'user' ? `user:${invitee.user._id}` : `email:${invitee.email.toLowerCase()}`;
    const entry = invitees.get(id) ?? { invitee, keys: [] };
    entry.keys.push(key);
    invitees.set(id, entry);
  };
  for (const userId of userIds) {
    const number = parseRoomsUserId(userId);
    const user = number === undefined ? undefined : reads.byNumber.get(number);
    if (user) add(userId, { kind: 'user', user });
    else status[userId] = 'user_not_found';
  }
  for (const email of emails) {
    const user = reads.byEmail.get(email.toLowerCase());
    add(email, user ? { kind: 'user', user } : { kind: 'email', email });
  }

  const nowMs = clock.now();
  const ttlSeconds = expiryPolicies.invitationTtlSeconds();
  const made = await Promise.all(
    [...invitees.values()].map(async ({ invitee, keys }) => {
      const { invitation } = newInvitation(id, invitee, caller, nowMs, ttlSeconds, tokenKey);
      const outcome = await store.upsertInvitation(invitation, Math.floor(nowMs / 1000), false);
      for (const key of keys) status[key] = outcome === 'invited' ? true : 'already_a_member';
      return outcome === 'invited';
    }),
  );
  return { invited: made.includes(true), inviteStatus: status };
}

const invalidToken = () => new ServiceError('invalid_request', 'Invalid or expired token');

/** The caller's own invitation to the group holding this token, unexpired; anything else is one answer. */
async function invitationFor(caller: User, id: string, token: string, store: RoomInviteStore) {
  const reads = await store.readRoom({ groupId: id, caller, withInvitations: true });
  const tokenHash = hashToken(token);
  const nowSeconds = clock.nowSeconds();
  const invitation = reads.invitations.find((candidate) => candidate.tokenHash === tokenHash && candidate.expiresAt > nowSeconds);
  if (!reads.group || !invitation) throw invalidToken();
  return { reads, invitation, tokenHash, nowSeconds };
}

/** GET /v1/rooms/{id}/accept-invite?token=: one read, one transaction; racing accepts: one wins. */
export async function acceptInvite(caller: User, id: string, token: string, store: RoomInviteStore = dynamoStore) {
  const [{ invitation, tokenHash, nowSeconds }] = await Promise.all([invitationFor(caller, id, token, store)]);
  const member = {
    groupId: id,
    user: { _id: caller._id, username: caller.username, userId: caller.userId },
    role: 'member' as const,
    joinedAt: clock.iso(),
    via: { how: 'invitation' as const, by: invitation.lastInvitedBy },
  };
  const accepted = invitationAnswered('Invitation Accepted', invitation, caller.userId);
  const outcome = await store.acceptInvitation(invitation, tokenHash, member, nowSeconds, accepted);
  if (outcome === 'invalid-token' || outcome === 'group-missing') throw invalidToken();
  if (outcome === 'already-member') {
    // Joined meanwhile (public join, private link): the invitation has done its job.
    await store.deleteInvitationWithToken(invitation, tokenHash, nowSeconds, accepted);
  }
  return { accepted: true };
}

/** GET /v1/rooms/{id}/reject-invite?token=: the invitation (and its token) goes. */
export async function rejectInvite(caller: User, id: string, token: string, store: RoomInviteStore = dynamoStore) {
  const [{ invitation, tokenHash, nowSeconds }] = await Promise.all([invitationFor(caller, id, token, store)]);
  const rejected = invitationAnswered('Invitation Rejected', invitation, caller.userId);
  if (!(await store.deleteInvitationWithToken(invitation, tokenHash, nowSeconds, rejected))) throw invalidToken();
  return { rejected: true };
}

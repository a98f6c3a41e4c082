/**
 * The rules that turn committed table changes into the service's events, for every dialect:
 * a membership created is `Member Added` (how and by whom: stored on it); an invitation written
 * with a new token is `Invitation Created` (the accept link rebuilt from its nonce with the token
 * key); an invitation that DynamoDB's TTL deleted is `Invitation Expired`; Rocket.Chat invite
 * links are created, used, removed; event notes (written with deletions and answers) are their
 * own event. Everything else yields nothing.
 */
import type { DerivedEvent, EventDetail, ServiceEvent } from '../../events/catalogue';
import { hashToken } from '../../lib/ids';
import type { NumberedUserRef } from '../../model';
import type { EntityChange, RegisteredEntityChange } from '../../store/table-changes';
import { roomsUserId } from '../../dialects/quranreflect/domain/rooms-user-id';

export interface DeriveDependencies {
  /** The clear token of the invitation stored under pk/sk with this nonce. */
  invitationToken(pk: string, sk: string, nonce: string): Promise<string>;
  /** The API's public base URL (accept and reject links point there). */
  publicBaseUrl: string;
}

type Item = Record<string, unknown>;

/** A QuranReflect invitee as events name it: the Rooms user id, or the e-mail address. */
export const inviteeOf = (invitee: NumberedUserRef | { email: string }) =>
  '_id' in invitee ? { userId: roomsUserId(invitee.userId) } : { email: invitee.email };

export function invitationLinks(publicBaseUrl: string, groupId: string, token: string) {
  const base = publicBaseUrl.replace(/\/+$/, '');
  const query = `token=${encodeURIComponent(token)}`;
  return {
    acceptUrl: `${base}/v1/rooms/${groupId}/accept-invite?${query}`,
    rejectUrl: `${base}/v1/rooms/${groupId}/reject-invite?${query}`,
  };
}

const iso = (epochSeconds: number) => new Date(epochSeconds * 1000).toISOString();

/**
 * A dialect's rules for the entities it registered (functions/registry): its events from a change
 * of one of them, or undefined for an entity of another dialect.
 */
export type EventRule = (change: RegisteredEntityChange, deps: DeriveDependencies) => Promise<DerivedEvent[] | undefined>;

export async function deriveEvents(
  change: EntityChange,
  deps: DeriveDependencies,
  rules: readonly EventRule[] = [],
): Promise<DerivedEvent[]> {
  switch (change.entity) {
    case 'room-member':
    case 'group-member':
    case 'berty-member':
      return change.change === 'insert' ? [memberAdded(change)] : [];
    case 'invitation':
      return invitationEvents(change, deps);
    case 'invite-link':
      return inviteLinkEvents(change);
    case 'event-note':
      return change.notes.map((note) => ({ type: note.type, detail: note.detail }) as ServiceEvent);
    case 'ignored':
      return [];
    default:
      for (const rule of rules) {
        const events = await rule(change, deps);
        if (events) return events;
      }
      // Recognized but nobody's to tell: a bug, retried and then dead-lettered rather than dropped.
      throw new Error(`no event rule for ${change.entity}`);
  }
}

function memberAdded(change: Extract<EntityChange, { entity: 'room-member' | 'group-member' | 'berty-member' }>): ServiceEvent {
  const { member } = change;
  const via = member.via;
  const common = { username: member.username, how: via?.how ?? 'created', ...(via?.linkId ? { linkId: via.linkId } : {}) };
  let detail: EventDetail<'Member Added'>;
  if (change.entity === 'room-member') {
    detail = {
      dialect: 'rocketchat',
      roomId: change.roomId,
      userId: member.userId,
      ...common,
      ...(via?.by ? { by: { userId: via.by._id } } : {}),
    };
  } else if (change.entity === 'group-member') {
    const byNumber = via?.by?.userId;
    detail = {
      dialect: 'quranreflect',
      roomId: Number(change.groupId),
      userId: member.userNumber !== undefined ? roomsUserId(member.userNumber) : member.userId,
      ...common,
      ...(byNumber !== undefined ? { by: { userId: roomsUserId(byNumber) } } : {}),
    };
  } else {
    detail = {
      dialect: 'berty',
      roomId: change.publicKey.toString('base64'),
      userId: member.userId,
      ...common,
      ...(via?.by ? { by: { userId: via.by._id } } : {}),
    };
  }
  return { type: 'Member Added', detail };
}

async function invitationEvents(
  change: Extract<EntityChange, { entity: 'invitation' }>,
  deps: DeriveDependencies,
): Promise<ServiceEvent[]> {
  const { before, after } = change;
  if (change.change === 'remove') {
    // Accepting, rejecting and revoking delete it with a note that tells; only TTL's deletion is told here.
    if (!change.byTtl || !before) return [];
    return [{ type: 'Invitation Expired', detail: closedDetail(before) }];
  }
  // A new token (a new invitation, a renewal, an expired one replaced): the invitee must hear of it.
  if (!after || typeof after.tokenNonce !== 'string' || after.tokenHash === before?.tokenHash) return [];
  // An e-mail invitation made over to the account that took the address keeps its token, which
  // the address was told of: not a new invitation.
  if (change.change === 'insert' && after.claimedEmail !== undefined) return [];
  const groupId = String(after.groupId);
  const token = await deps.invitationToken(String(after.pk), String(after.sk), after.tokenNonce);
  // A link that would not accept is worse than none: the record is retried, then dead-lettered (and alarmed).
  if (hashToken(token) !== after.tokenHash)
    throw new Error('the rebuilt invitation token does not match the stored hash (was the token key changed?)');
  return [
    {
      type: 'Invitation Created',
      detail: {
        dialect: 'quranreflect',
        roomId: Number(groupId),
        invitee: inviteeOf(after.invitee as NumberedUserRef | { email: string }),
        invitedBy: { userId: roomsUserId((after.lastInvitedBy as NumberedUserRef).userId) },
        token,
        ...invitationLinks(deps.publicBaseUrl, groupId, token),
        expiresAt: iso(Number(after.expiresAt)),
        renewed:
          change.change === 'modify' && before !== undefined && Number(before.expiresAt) * 1000 > Date.parse(String(after.lastInvitedAt)),
      },
    },
  ];
}

/** An invitation's detail once closed (revoked or expired). */
export const closedDetail = (invitation: Item): EventDetail<'Invitation Expired'> => ({
  dialect: 'quranreflect',
  roomId: Number(invitation.groupId),
  invitee: inviteeOf(invitation.invitee as NumberedUserRef | { email: string }),
  invitedBy: { userId: roomsUserId((invitation.invitedBy as NumberedUserRef).userId) },
  expiresAt: iso(Number(invitation.expiresAt)),
});

function inviteLinkEvents(change: Extract<EntityChange, { entity: 'invite-link' }>): ServiceEvent[] {
  const { before, after } = change;
  if (change.change === 'remove') {
    return before
      ? [
          {
            type: 'Invite Link Removed',
            detail: { dialect: 'rocketchat', roomId: String(before.rid), linkId: String(before._id), expired: change.byTtl },
          },
        ]
      : [];
  }
  if (!after) return [];
  const detail: EventDetail<'Invite Link Created'> = {
    dialect: 'rocketchat',
    roomId: String(after.rid),
    linkId: String(after._id),
    createdBy: { userId: String(after.userId) },
    days: Number(after.days),
    maxUses: Number(after.maxUses),
    expires: (after.expires as string | null) ?? null,
    uses: Number(after.uses),
  };
  if (change.change === 'insert') return [{ type: 'Invite Link Created', detail }];
  return Number(after.uses) > Number(before?.uses ?? 0) ? [{ type: 'Invite Link Used', detail }] : [];
}

/**
 * The service's model: what handlers, middleware, domain and store pass between them.
 * This module imports nothing, so every layer may depend on it and it on none of them.
 */

/** An account. `_id` is Rocket.Chat-style; `userId` the QuranReflect-style integer id. */
export interface User {
  _id: string;
  userId: number;
  username: string;
  email?: string;
  name?: string;
  roles: string[];
  active: boolean;
  createdAt: string;
}

/** What an invite needs to know of an invitee. */
export type UserRef = Pick<User, '_id' | 'username'>;

/** A user ref with the integer id, as QuranReflect's invitations carry it. */
export type NumberedUserRef = UserRef & { userId: number };

/** Rocket.Chat room types: c = public channel, p = private group, d = direct message, l = livechat. */
export type RoomType = 'c' | 'p' | 'd' | 'l';

export interface Room {
  _id: string;
  t: RoomType;
  name: string;
  fname: string;
  msgs: number;
  usersCount: number;
  u: UserRef;
  ts: string;
  ro: boolean;
  sysMes: boolean;
  default: boolean;
  _updatedAt: string;
  lm?: string;
  archived?: boolean;
}

/**
 * How a membership came about, stored on it: the table's stream turns its creation into a
 * `Member Added` event that says how and by whom (see functions/events/).
 */
export interface MembershipOrigin {
  how: 'created' | 'invited' | 'link' | 'joined' | 'private-link' | 'invitation';
  /** Who added the member (an inviter, a link's maker), when not the member themselves. */
  by?: { _id: string; username?: string; userId?: number };
  /** The Rocket.Chat invite link used. */
  linkId?: string;
}

export interface RoomMember {
  _id: string;
  rid: string;
  u: UserRef;
  /** Room-scoped roles: `owner`, `moderator`, `leader`. */
  roles: string[];
  ts: string;
  via?: MembershipOrigin;
  /** A ban (Rocket.Chat's subscription status `BANNED`): the user is no member and cannot come back until unbanned. */
  status?: 'BANNED';
  /** Who banned the user. */
  bannedBy?: UserRef;
}

/** A Rocket.Chat system message (`t` is its type, e.g. `au`: "added user"). */
export interface RoomMessage {
  _id: string;
  rid: string;
  t: string;
  msg: string;
  u: UserRef;
  groupable: boolean;
  ts: string;
  _updatedAt: string;
}

/**
 * How a Rocket.Chat invite link's token relates to its id (see the dialect's README):
 * `separate`: a public `_id` and a secret `inviteToken` (upstream's split);
 * `id`: the API's `_id` is the token (7.x clients), the stored `_id` a public id never shown;
 * `legacy`: a link moved over from before the split, whose old `_id` is its token until it expires;
 * `clear`: a link stored before the split and not yet moved (its `_id`, stored in clear, is its token).
 */
export type InviteTokenStyle = 'separate' | 'id' | 'legacy' | 'clear';

/**
 * A Rocket.Chat invite link (`rocketchat_invite`), stored under its token's hash. `room` is this
 * service's snapshot of the room when the link was made (its reply to useInviteToken), never shown.
 */
export interface RoomInvite {
  /** The link's public id (the token itself only for `clear` links). */
  _id: string;
  /** SHA-256 (hex) of the token: the link's key. */
  tokenHash: string;
  /** What the token is made from with the invitation-token key (`separate` and `id` links). */
  tokenNonce?: string;
  style: InviteTokenStyle;
  days: number;
  maxUses: number;
  rid: string;
  userId: string;
  createdAt: string;
  /** ISO date, or null for a link that never expires. */
  expires: string | null;
  url: string;
  uses: number;
  _updatedAt: string;
  room: Pick<Room, 't' | 'name' | 'fname'> & { prid?: string };
}

/**
 * A QuranReflect group, which the Rooms API calls a room of type group; `id` is a numeric
 * string, as in the Groups API's paths. Its creator is its owner.
 */
export interface Group {
  id: string;
  name: string;
  /** The owner; `userId` is recorded for groups made since the Rooms API (the owner's Rooms id). */
  createdBy: UserRef & { userId?: number };
  createdAt: string;
  membersCount: number;
  /** Unique, case-insensitive: the group's address in private links (`/rooms/group/{url}/...`). */
  url?: string;
  description?: string;
  /** Public groups can be joined without an invitation and their members listed by anyone. */
  isPublic?: boolean;
  /** The private link's secret, shown to admins (the API requires it, so it is kept in clear). */
  privateToken?: string;
}

export interface GroupMember {
  groupId: string;
  /** `userId`: the member's Rooms id, which the group's events name them by. */
  user: UserRef & { userId?: number };
  role: 'admin' | 'member';
  joinedAt: string;
  via?: MembershipOrigin;
}

/** Who a QuranReflect invitation is for: an account, or an e-mail address without one yet. */
export type Invitee = { kind: 'user'; user: NumberedUserRef } | { kind: 'email'; email: string };

export interface Invitation {
  groupId: string;
  invitee: NumberedUserRef | { email: string };
  invitedBy: NumberedUserRef;
  createdAt: string;
  lastInvitedBy: NumberedUserRef;
  lastInvitedAt: string;
  /** Epoch seconds; DynamoDB TTL removes the invitation after it. */
  expiresAt: number;
  invitesSent: number;
  /** Set when an e-mail invitation became the invitation of the account that took the address. */
  claimedEmail?: string;
  /** SHA-256 of the invitation's token (the clear token is only in the Invitation Created event). */
  tokenHash?: string;
  /**
   * The random half of the token: the token is an HMAC of the invitation's key and this nonce
   * under a key the table never holds (functions/lib/invitation-token.ts), so the stream consumer
   * can put it in the event while a dump of the table yields no token.
   */
  tokenNonce?: string;
  status: 'pending' | 'expired';
}

/** A Berty multi-member group's four `Group` fields (bytes in standard base64) and its bookkeeping. */
export interface BertyGroup {
  publicKey: string;
  secret: string;
  secretSig: string;
  groupType: 'GroupTypeMultiMember';
  createdAt: string;
  membersCount: number;
}

/** The raw Berty group secrets, as made by the group cryptography. */
export interface BertyGroupSecrets {
  publicKey: Buffer;
  secret: Buffer;
  secretSig: Buffer;
}

/**
 * An event's type and detail, written in the same transaction as a change that leaves nothing
 * else to tell it by (a deletion, an answer): the table's stream publishes it (transactional
 * outbox). Domain code builds them from the event catalogue (functions/events/catalogue.ts).
 */
export interface EventNote {
  type: string;
  detail: Record<string, unknown>;
}

/**
 * Resolves once the request may write (the rate limit admits it), rejects with a 429 otherwise.
 * The chain sets it per request; the store waits for it before writing (lib/request-gate.ts).
 */
export type Admission = () => Promise<void>;

/**
 * A webhook endpoint (docs/webhooks.md): where the service's events are pushed, signed with
 * Standard Webhooks v1. Its secrets are kept as they are (HMAC needs them), in the table encrypted
 * at rest with the stage's key; the first signs, a rotated one signs beside it until `until`.
 */
export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  /** Webhook types it wants (`invitation.created`, …); empty: every type. */
  eventTypes: string[];
  /** Only events of this dialect, or of this room (as the dialect names it), when set. */
  dialect?: string;
  roomId?: string;
  /** Who hears of it being disabled (an e-mail through the notifier). */
  contactEmail?: string;
  enabled: boolean;
  disabledReason?: 'gone' | 'failing' | 'operator';
  secrets: WebhookSecret[];
  /** When its deliveries began failing without a success since (5 days of it disable it). */
  failingSince?: string;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookSecret {
  secret: string;
  /** A rotated secret signs until then (ISO time); the current one has none. */
  until?: string;
}

/** One event on its way to one endpoint: webhook-id (the event's id) is the same on every try. */
export interface WebhookDelivery {
  endpointId: string;
  eventId: string;
  /** The webhook type and the body as first sent (JSON), kept for re-sending. */
  type: string;
  body: string;
  eventTime: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  /** A try is under way until then (epoch ms): another copy of the message waits. */
  leaseUntil?: number;
  lastAttemptAt?: string;
}

/** One try of one delivery, as the attempt log lists it (kept 30 days). */
export interface WebhookAttempt {
  endpointId: string;
  eventId: string;
  try: number;
  at: string;
  /** `succeeded`: a 2xx; otherwise why not. */
  outcome: 'succeeded' | 'failed' | 'timeout' | 'refused' | 'error';
  /** The HTTP status, when an answer came. */
  status?: number;
  latencyMs: number;
  /** The first 1 KB of the answer's body, or what went wrong. */
  response: string;
}

/** One delivery to try: what a queue message carries (the body too, so a retry needs no read). */
export interface WebhookDeliveryMessage {
  endpointId: string;
  eventId: string;
  type: string;
  body: string;
  eventTime: string;
  /** The try's place in the retry schedule (0: the first). */
  step: number;
  /** False for an operator's re-send: one try, no schedule after it. */
  retry: boolean;
  /** Sent again even if it succeeded before (an operator's explicit re-send of one event). */
  force?: boolean;
}

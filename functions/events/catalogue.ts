/**
 * The service's events, one schema per type, for every dialect. The stream consumer builds each
 * event's detail and checks it against its schema before publishing; docs/events/*.json are
 * generated from these schemas (`npm run events:schemas`) and a test keeps them equal.
 * Rooms and groups are named as their dialect names them: a Rocket.Chat room `_id`, a
 * QuranReflect group's number, a Berty group's public key (standard base64, as its JSON carries
 * bytes); users by the dialect's id (Rocket.Chat `_id`, the Rooms API's decimal user id, the
 * Berty caller's account `_id`).
 */
import * as z from '../lib/zod';
import type { EventNote } from '../model';

export const EVENT_SOURCE = 'invites';

/** The dialect's name (functions/dialects): the core names none, each registers its own. */
const dialect = () => z.string().check(z.minLength(1));
const roomId = () => z.union([z.string(), z.number()]);
const actor = () => z.object({ userId: z.string() });
/** A QuranReflect invitee: an account (its Rooms id) or an e-mail address without one. */
const invitee = () => z.union([z.object({ userId: z.string() }), z.object({ email: z.string() })]);

const memberAdded = () =>
  z.object({
    dialect: dialect(),
    roomId: roomId(),
    userId: z.string(),
    username: z.string(),
    how: z.enum(['created', 'invited', 'link', 'joined', 'private-link', 'invitation']),
    by: z.optional(actor()),
    linkId: z.optional(z.string()),
  });

const memberRemoved = () =>
  z.object({
    dialect: dialect(),
    roomId: roomId(),
    userId: z.string(),
    how: z.enum(['left', 'removed', 'banned']),
    by: z.optional(actor()),
  });

/** A Rocket.Chat room ban put or lifted (rooms.banUser, rooms.unbanUser). */
const memberBan = () =>
  z.object({
    dialect: z.literal('rocketchat'),
    roomId: z.string(),
    userId: z.string(),
    username: z.string(),
    by: actor(),
  });

const invitationCreated = () =>
  z.object({
    dialect: z.literal('quranreflect'),
    roomId: z.number(),
    invitee: invitee(),
    invitedBy: actor(),
    /** The invitation's token, which accept-invite and reject-invite take: whoever holds it can answer. */
    token: z.string(),
    /** The API's accept and reject links, carrying the token. */
    acceptUrl: z.string(),
    rejectUrl: z.string(),
    expiresAt: z.string(),
    /** True when an invitation already pending got a new token (the old one is void). */
    renewed: z.boolean(),
  });

const invitationAnswered = () =>
  z.object({
    dialect: z.literal('quranreflect'),
    roomId: z.number(),
    invitee: invitee(),
    /** The account that answered. */
    userId: z.string(),
    invitedBy: actor(),
  });

const invitationClosed = () =>
  z.object({
    dialect: z.literal('quranreflect'),
    roomId: z.number(),
    invitee: invitee(),
    invitedBy: actor(),
    expiresAt: z.string(),
  });

const inviteLink = () =>
  z.object({
    dialect: z.literal('rocketchat'),
    roomId: z.string(),
    /** The link's public id (with RC_INVITE_TOKENS=id not the `_id` the API shows, which is the token). */
    linkId: z.string(),
    createdBy: actor(),
    days: z.number(),
    maxUses: z.number(),
    expires: z.nullable(z.string()),
    uses: z.number(),
  });

const inviteLinkRemoved = () =>
  z.object({
    dialect: z.literal('rocketchat'),
    roomId: z.string(),
    linkId: z.string(),
    /** Removed by DynamoDB's TTL once expired, rather than by `removeInvite`. */
    expired: z.boolean(),
  });

const emailRequested = () =>
  z.object({
    dialect: z.literal('rocketchat'),
    email: z.string(),
    requestedBy: actor(),
    /** The room's invite link the request named (the e-mail's `[Invite_URL]`). */
    inviteUrl: z.optional(z.string()),
  });

/** A webhook endpoint the service stopped sending to (docs/webhooks.md); its URL stays out (it may carry a secret). */
const webhookEndpointDisabled = () =>
  z.object({
    endpointId: z.string(),
    /** `gone`: it answered 410; `failing`: no success for 5 days. */
    reason: z.enum(['gone', 'failing']),
    failingSince: z.optional(z.string()),
  });

/** Every event type and the schema of its `detail`. */
export const eventCatalogue = {
  'Member Added': memberAdded,
  'Member Removed': memberRemoved,
  'Member Banned': memberBan,
  'Member Unbanned': memberBan,
  'Invitation Created': invitationCreated,
  'Invitation Accepted': invitationAnswered,
  'Invitation Rejected': invitationAnswered,
  'Invitation Revoked': invitationClosed,
  'Invitation Expired': invitationClosed,
  'Invite Link Created': inviteLink,
  'Invite Link Used': inviteLink,
  'Invite Link Removed': inviteLinkRemoved,
  'Invitation Email Requested': emailRequested,
  'Webhook Endpoint Disabled': webhookEndpointDisabled,
} as const;

export type EventType = keyof typeof eventCatalogue;
export type EventDetail<T extends EventType> = z.output<ReturnType<(typeof eventCatalogue)[T]>>;

/** An event note (store/event-notes.ts) of one type, its detail checked against the catalogue by the compiler. */
export const eventNote = <T extends EventType>(type: T, detail: EventDetail<T>): EventNote => ({ type, detail });

/** An event as derived from a change: its type and detail (the envelope adds id, time, source). */
export type ServiceEvent = { [T in EventType]: { type: T; detail: EventDetail<T> } }[EventType];

/** An event of a type a dialect brought with its registration (functions/registry), checked against the schema it registered. */
export interface RegisteredEvent {
  type: string;
  detail: Record<string, unknown>;
}

/** What the event rules make: an event of the catalogue, or of a registered type. */
export type DerivedEvent = ServiceEvent | RegisteredEvent;

/** The envelope every sink receives (EventBridge's fields; locally one JSON line of the outbox). */
export interface EventEnvelope {
  /** Stable: the same table change always yields the same id, so a consumer can drop a copy. */
  id: string;
  /** When the change was committed (ISO 8601). */
  time: string;
  source: typeof EVENT_SOURCE;
  /** A catalogue type, or one a dialect registered. */
  'detail-type': string;
  detail: Record<string, unknown>;
}

const built = new Map<EventType, z.ZodMiniType>();

export const isCatalogueType = (type: string): type is EventType => Object.hasOwn(eventCatalogue, type);

/** The schema of one type's detail (built once). */
export function detailSchema(type: EventType): z.ZodMiniType {
  let schema = built.get(type);
  if (!schema) built.set(type, (schema = eventCatalogue[type]()));
  return schema;
}

/** The JSON Schema of one event type's envelope, detail included (docs/events/<type>.json): a catalogue type, or a registered one with its schema. */
export function envelopeJsonSchema(type: string, detail: z.ZodMiniType = detailSchema(type as EventType)): Record<string, unknown> {
  const envelope = z.object({
    id: z.string(),
    time: z.string(),
    source: z.literal(EVENT_SOURCE),
    'detail-type': z.literal(type),
    detail,
  });
  return { ...z.toJSONSchema(envelope), title: type };
}

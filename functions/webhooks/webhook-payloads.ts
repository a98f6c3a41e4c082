/**
 * An event as a webhook carries it: `{type, timestamp, data}` (Standard Webhooks' payload), the
 * type dot-separated from the catalogue's (`Invitation Created` → `invitation.created`). Secrets
 * stay out, as WorkOS leaves them out: an invitation's token and its accept and reject links
 * (whoever holds them can answer). A Rocket.Chat invite link's `linkId` stays in: it is the link's
 * public id, never its token (a link not yet moved to its hash is named by the hash's first 16 hex
 * digits). A receiver that needs to act on an
 * invitation calls the API as its app.
 */
import { type EventEnvelope, type EventType, isCatalogueType } from '../events/catalogue';

export const WEBHOOK_TYPES: Readonly<Record<EventType, string>> = {
  'Member Added': 'member.added',
  'Member Removed': 'member.removed',
  'Member Banned': 'member.banned',
  'Member Unbanned': 'member.unbanned',
  'Invitation Created': 'invitation.created',
  'Invitation Accepted': 'invitation.accepted',
  'Invitation Rejected': 'invitation.rejected',
  'Invitation Revoked': 'invitation.revoked',
  'Invitation Expired': 'invitation.expired',
  'Invite Link Created': 'invite_link.created',
  'Invite Link Used': 'invite_link.used',
  'Invite Link Removed': 'invite_link.removed',
  'Invitation Email Requested': 'invitation_email.requested',
  'Webhook Endpoint Disabled': 'webhook_endpoint.disabled',
};

/** The fields no webhook carries. */
export const SECRET_FIELDS = ['token', 'acceptUrl', 'rejectUrl'] as const;

export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/** A catalogue type's webhook type; a type a dialect registered: its name lower-cased, words joined by `_`, the last word after a `.`. */
export function webhookType(eventType: string): string {
  if (isCatalogueType(eventType)) return WEBHOOK_TYPES[eventType];
  const words = eventType.toLowerCase().split(/\s+/);
  return words.length > 1 ? `${words.slice(0, -1).join('_')}.${words.at(-1)}` : words[0]!;
}

export function webhookPayload(event: EventEnvelope): WebhookPayload {
  const data = Object.fromEntries(Object.entries(event.detail).filter(([field]) => !(SECRET_FIELDS as readonly string[]).includes(field)));
  return { type: webhookType(event['detail-type']), timestamp: event.time, data };
}

/** An event as the deliverer handles it: our id, its webhook type, when it was committed, what the filters read, and the body every endpoint gets. */
export interface WebhookEvent {
  id: string;
  type: string;
  time: string;
  dialect?: string;
  roomId?: string;
  /** `{type, timestamp, data}` as JSON. */
  body: string;
}

export function webhookEvent(event: EventEnvelope): WebhookEvent {
  const payload = webhookPayload(event);
  const { dialect, roomId } = event.detail as { dialect?: unknown; roomId?: unknown };
  return {
    id: event.id,
    type: payload.type,
    time: event.time,
    ...(typeof dialect === 'string' ? { dialect } : {}),
    ...(typeof roomId === 'string' || typeof roomId === 'number' ? { roomId: String(roomId) } : {}),
    body: JSON.stringify(payload),
  };
}

type JsonSchema = Record<string, unknown> & { properties?: Record<string, unknown>; required?: string[]; anyOf?: JsonSchema[] };

/** A detail's JSON Schema without the fields no webhook carries (in each branch of a union too). */
function withoutSecrets(schema: JsonSchema): JsonSchema {
  if (schema.anyOf) return { ...schema, anyOf: schema.anyOf.map(withoutSecrets) };
  if (!schema.properties) return schema;
  const secret = (field: string) => (SECRET_FIELDS as readonly string[]).includes(field);
  return {
    ...schema,
    properties: Object.fromEntries(Object.entries(schema.properties).filter(([field]) => !secret(field))),
    ...(schema.required ? { required: schema.required.filter((field) => !secret(field)) } : {}),
  };
}

/** The JSON Schema of a webhook's body for an event type whose detail has this (JSON) schema. */
export function webhookJsonSchema(eventType: string, detail: JsonSchema): Record<string, unknown> {
  const { $schema, ...data } = detail;
  return {
    $schema,
    title: webhookType(eventType),
    description: `The ${eventType} event, as a webhook carries it (docs/webhooks.md)`,
    type: 'object',
    properties: { type: { type: 'string', const: webhookType(eventType) }, timestamp: { type: 'string' }, data: withoutSecrets(data) },
    required: ['type', 'timestamp', 'data'],
    additionalProperties: false,
  };
}

/** The operator's test event (`POST …/test`): no event of the catalogue. */
export const testWebhookJsonSchema = (): Record<string, unknown> => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'webhook.test',
  description: "An operator's test event (docs/webhooks.md)",
  type: 'object',
  properties: {
    type: { type: 'string', const: 'webhook.test' },
    timestamp: { type: 'string' },
    data: { type: 'object', properties: { endpointId: { type: 'string' } }, required: ['endpointId'], additionalProperties: false },
  },
  required: ['type', 'timestamp', 'data'],
  additionalProperties: false,
});

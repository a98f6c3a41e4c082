/** The webhook management API's requests and replies (docs/webhooks.md). */
import * as z from '../../../lib/zod';
import { webhookAttemptSchema } from '../../../store/entities/webhook';

const text = (max: number) => z.string().check(z.maxLength(max));
const id = () => z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an id'));
const webhookType = () => z.string().check(z.regex(/^[a-z0-9_]+\.[a-z0-9_]+$/, 'not a webhook type (like invitation.created)'));
const email = () => z.string().check(z.maxLength(254), z.regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'not an e-mail address'));

const endpointFields = {
  url: text(2048),
  description: z.optional(text(500)),
  eventTypes: z.optional(z.array(webhookType()).check(z.maxLength(50))),
  dialect: z.optional(z.nullable(text(40))),
  roomId: z.optional(z.nullable(text(200))),
  contactEmail: z.optional(z.nullable(email())),
  enabled: z.optional(z.boolean()),
};

export const createEndpointInput = z.object({ body: z.strictObject(endpointFields) });
export const updateEndpointInput = z.object({
  path: z.object({ endpointId: id() }),
  body: z.strictObject({ ...endpointFields, url: z.optional(text(2048)) }),
});
export const endpointPathInput = z.object({ path: z.object({ endpointId: id() }) });
export const attemptsInput = z.object({
  path: z.object({ endpointId: id() }),
  query: z.object({ limit: z.optional(z.string().check(z.regex(/^([1-9]\d?|100)$/, 'a number from 1 to 100'))) }),
});
export const recoverInput = z.object({
  path: z.object({ endpointId: id() }),
  body: z.strictObject({ since: z.iso.datetime() }),
});
export const resendInput = z.object({ path: z.object({ endpointId: id(), eventId: id() }) });

const endpoint = () =>
  z.object({
    id: z.string(),
    url: z.string(),
    description: z.string(),
    eventTypes: z.array(z.string()),
    dialect: z.optional(z.string()),
    roomId: z.optional(z.string()),
    contactEmail: z.optional(z.string()),
    enabled: z.boolean(),
    disabledReason: z.optional(z.enum(['gone', 'failing', 'operator'])),
    failingSince: z.optional(z.string()),
    previousSecretUntil: z.optional(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  });
const secret = () => z.string().check(z.startsWith('whsec_'));

export const endpointWithSecretReply = z.object({ endpoint: endpoint(), secret: secret() });
export const endpointReply = z.object({ endpoint: endpoint() });
export const endpointsReply = z.object({ endpoints: z.array(endpoint()) });
export const deletedReply = z.object({ deleted: z.string() });
export const testReply = z.object({ endpointId: z.string(), eventId: z.string() });
export const attemptsReply = z.object({ attempts: z.array(webhookAttemptSchema()) });
export const recoverReply = z.object({ endpointId: z.string(), since: z.string(), resent: z.number() });
export const resendReply = z.object({ endpointId: z.string(), eventId: z.string(), resent: z.boolean() });
export const noInput = z.object({});

/**
 * Bodies of Rocket.Chat's typed routes (rest-typings: ajv with `coerceTypes`, no additional
 * properties): JSON or form fields, integers also as digit strings. Refusals read as ajv's:
 * 400 `must have required property 'days' [invalid-params]`, errorType `invalid-params`.
 */
import type { InvalidInputHandler } from '../../dialect';
import { ServiceError } from '../../../errors';
import * as z from '../../../lib/zod';

/** An integer, or its digits as a string (ajv's `coerceTypes`; form values are strings). */
const integer = z.pipe(
  z.union([z.int({ error: 'must be integer' }), z.string().check(z.regex(/^-?\d{1,9}$/, { error: 'must be integer' }))], {
    error: 'must be integer',
  }),
  z.transform((value) => Number(value)),
);
const string = z.string({ error: 'must be string' }).check(z.maxLength(256, { error: 'must NOT have more than 256 characters' }));

const typed = <T extends z.core.$ZodLooseShape>(shape: T) => z.object({ body: z.strictObject(shape, { error: 'must be object' }) });

export const findOrCreateInviteInput = typed({ rid: string, days: integer, maxUses: integer });
export const tokenInput = typed({ token: string });
export const sendInvitationEmailInput = typed({
  emails: z.array(string, { error: 'must be array' }).check(z.maxLength(1000, { error: 'must NOT have more than 1000 items' })),
  /** Beyond upstream: a room's invite link (its `_id`) for the e-mail's `[Invite_URL]`. */
  inviteId: z.optional(string),
});
export const removeInviteInput = z.object({ path: z.object({ _id: z.string().check(z.maxLength(256)) }) });
export const noInput = z.object({});

/**
 * ajv's message, in its order: the body is not an object, then a required property missing, then
 * an unknown one, then the first broken rule.
 */
export const invalidParams: InvalidInputHandler = (issues, raw) => {
  const body = raw.body;
  const refuse = (message: string) => new ServiceError('invalid_request', message, { code: 'invalid-params' });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse('must be object');
  const missing = issues.find((issue) => issue.path.length === 2 && !Object.hasOwn(body, issue.path[1] as PropertyKey));
  if (missing) return refuse(`must have required property '${String(missing.path[1])}'`);
  if (issues.some((issue) => issue.code === 'unrecognized_keys')) return refuse('must NOT have additional properties');
  return refuse(issues[0]!.message.replace(/^Invalid input: /, ''));
};

/** Replies, where short enough to write here: for the OpenAPI document and the replies' checks. */
export const validateInviteTokenReply = z.strictObject({ valid: z.boolean(), success: z.literal(true) });
export const successReply = z.strictObject({ success: z.literal(true) });
/** removeInvite answers a bare `true`. */
export const removeInviteReply = z.literal(true);

const inviteFields = {
  days: z.number(),
  maxUses: z.number(),
  rid: z.string(),
  userId: z.string(),
  createdAt: z.string(),
  expires: z.nullable(z.string()),
  uses: z.number(),
  _updatedAt: z.string(),
};
/**
 * An invite link as findOrCreateInvite answers it (`IInvite`, dates as ISO strings): with a
 * separate `inviteToken` (upstream's split), or (RC_INVITE_TOKENS=id) with the token as `_id`.
 */
export const inviteView = z.object({ _id: z.string(), inviteToken: z.optional(z.string()), ...inviteFields, url: z.string() });
export const findOrCreateInviteReply = z.object({ ...inviteView.shape, success: z.literal(true) });
/**
 * listInvites answers a bare array: upstream's management view of public-id links (no token, no
 * URL, `legacy`, the room's name), or 7.x's stored fields for links whose `_id` is their token.
 */
export const listInvitesReply = z.array(
  z.union([
    z.strictObject({ _id: z.string(), ...inviteFields, legacy: z.optional(z.literal(true)), roomName: z.string() }),
    z.strictObject({ _id: z.string(), ...inviteFields, url: z.literal('') }),
  ]),
);
export const useInviteTokenReply = z.strictObject({
  room: z.object({ rid: z.string(), prid: z.optional(z.nullable(z.string())), fname: z.string(), name: z.string(), t: z.string() }),
  success: z.literal(true),
});

/** rooms.banUser and rooms.unbanUser (rest-typings 8.6.1): `{roomId, userId}` or `{roomId, username}`. */
export const banInput = typed({ roomId: string, userId: z.optional(string), username: z.optional(string) });
const pagingParam = (max: number, fallback: number) =>
  z.pipe(
    z.optional(z.string().check(z.regex(/^\d{1,6}$/, { error: 'must be integer' }))),
    z.transform((value) => Math.min(max, value === undefined ? fallback : Number(value))),
  );
/** rooms.bannedUsers: `?roomId=…` with Rocket.Chat's `offset` and `count`. */
export const bannedUsersInput = z.object({
  query: z.object({ roomId: string, offset: pagingParam(1_000_000, 0), count: pagingParam(100, 50) }),
});
export const bannedUsersReply = z.strictObject({
  bannedUsers: z.array(z.strictObject({ _id: z.string(), username: z.string(), name: z.string() })),
  count: z.number(),
  offset: z.number(),
  total: z.number(),
  success: z.literal(true),
});

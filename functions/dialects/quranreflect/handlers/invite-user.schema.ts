import { ServiceError } from '../../../errors';
import type { InvalidInputHandler } from '../../dialect';
import * as z from '../../../lib/zod';
import { describeIssues, issuePart } from '../../../lib/zod-issues';

/** Group ids are numeric strings; anything else cannot name a group. */
const groupId = z.string().check(z.regex(/^\d{1,20}$/));

/** Body of `PUT /v1/groups/{groupId}/inviteUser`: exactly one of userId or email, nothing else. */
const inviteUserBody = z
  .strictObject({
    userId: z.optional(z.int({ error: 'must be an integer' }).check(z.positive({ error: 'must be a positive integer' }))),
    email: z.optional(
      z.email({ error: 'must be a valid e-mail address' }).check(z.maxLength(254, { error: 'must be at most 254 characters' })),
    ),
  })
  .check(
    z.refine((body) => body.userId === undefined || body.email === undefined, {
      error: 'Only one of userId or email should be passed',
    }),
    z.refine((body) => body.userId !== undefined || body.email !== undefined, {
      error: 'The request body must contain either userId or email',
    }),
  );

export const inviteUserInput = z.object({ path: z.object({ groupId }), body: inviteUserBody });

export type InviteUserInput = z.output<typeof inviteUserInput>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Body first: 400 when it is not an object or names neither field (a missing parameter); 422
 * for one that is well-formed but breaks a rule (both fields, wrong type, bad e-mail, unknown
 * property). Then the path: a group id that is not numeric names no group (404).
 */
export const inviteUserInvalid: InvalidInputHandler = (issues, raw) => {
  const bodyIssues = issues.filter((issue) => issuePart(issue) === 'body');
  if (bodyIssues.length === 0) {
    return new ServiceError('not_found', `Group ${String(raw.path.groupId ?? '').slice(0, 64)} not found`);
  }
  const body = raw.body;
  if (!isPlainObject(body)) return new ServiceError('invalid_request', 'The request body must be a JSON object');
  if (!('userId' in body) && !('email' in body)) {
    return new ServiceError('invalid_request', 'The request body must contain either userId or email');
  }
  return new ServiceError('unprocessable', describeIssues(bodyIssues));
};

/** The Groups API's answer to an invitation made. */
export const inviteUserReply = z.strictObject({ success: z.literal(true), data: z.strictObject({ message: z.string() }) });

import * as z from '../../lib/zod';
import { ServiceError } from '../../errors';
import { describeIssues, type InvalidInputHandler } from '../../middleware/validate-input';

/** Body of `PUT /v1/groups/{groupId}/inviteUser`: exactly one of userId or email, nothing else. */
export const inviteUserInput = z
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

export type InviteUserInput = z.output<typeof inviteUserInput>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * 400 when the body is not an object or names neither field (a missing parameter);
 * 422 for a body that is well-formed but breaks a rule (both fields, wrong type, bad e-mail,
 * unknown property).
 */
export const inviteUserInvalid: InvalidInputHandler = (issues, raw) => {
  if (!isPlainObject(raw)) return new ServiceError('invalid_request', 'The request body must be a JSON object');
  if (!('userId' in raw) && !('email' in raw)) {
    return new ServiceError('invalid_request', 'The request body must contain either userId or email');
  }
  return new ServiceError('unprocessable', describeIssues(issues));
};

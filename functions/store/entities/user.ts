/** Users: the account, its uniqueness guards (username, e-mail, integer id), the counter of integer ids, and the gsi1 partition of everything a user belongs to. */
import * as z from '../../lib/zod';
import type { User } from '../../model';
import type { Item } from '../batch';
import { type Codec, codec, decoder, key, numberedRef, numberedUserRef } from './codec';
export const userKeys = {
  user: (id: string) => key(`USER#${id}`, 'USER'),
  /** Uniqueness guards; each carries the user's `_id` and `username` so a lookup is one read. */
  username: (username: string) => key(`USERNAME#${username.toLowerCase()}`, 'USERNAME'),
  userEmail: (email: string) => key(`EMAIL#${email.toLowerCase()}`, 'EMAIL'),
  userNumber: (userId: number) => key(`USERNUM#${userId}`, 'USERNUM'),
  /** Atomic counter handing out QuranReflect-style integer user ids. */
  userNumberCounter: () => key('COUNTER#USERNUM', 'COUNTER'),
  /** gsi1: everything that belongs to one user (memberships of rooms and groups). */
  userMembershipsIndex: (userId: string) => `USER#${userId}`,
} as const;

export const userCodec: Codec<User> = /* @__PURE__ */ codec(
  'user',
  () =>
    z.object({
      _id: z.string(),
      userId: z.number(),
      username: z.string(),
      email: z.optional(z.string()),
      name: z.optional(z.string()),
      roles: z.array(z.string()),
      active: z.boolean(),
      createdAt: z.string(),
    }),
  (user) => ({ ...userKeys.user(user._id), ...user }),
);

/**
 * The uniqueness guards of a user (username, e-mail, integer id); each carries what an invite
 * needs, so a lookup by any of them is one read.
 */
export const userGuardCodec = {
  decode: /* @__PURE__ */ decoder('user guard', numberedUserRef),
  encode: (user: User): Item[] => {
    const guard = numberedRef(user);
    return [
      { ...userKeys.username(user.username), ...guard },
      { ...userKeys.userNumber(user.userId), ...guard },
      ...(user.email ? [{ ...userKeys.userEmail(user.email), ...guard }] : []),
    ];
  },
};

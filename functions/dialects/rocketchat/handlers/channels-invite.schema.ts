import { MAX_INVITEES } from '../domain/limits';
import * as z from '../../../lib/zod';

const MAX_PARAM_LENGTH = 256;

const param = z.string().check(z.maxLength(MAX_PARAM_LENGTH));
const list = z.array(param).check(z.maxLength(MAX_INVITEES, `at most ${MAX_INVITEES} users can be invited at once`));

/** Body of `POST /api/v1/channels.invite`; unknown params are ignored, as Rocket.Chat does. */
const channelsInviteBody = z.object({
  roomId: z.optional(param),
  roomName: z.optional(param),
  userId: z.optional(param),
  userIds: z.optional(list),
  username: z.optional(param),
  usernames: z.optional(list),
  user: z.optional(param),
});

export const channelsInviteInput = z.object({ body: channelsInviteBody });

export type ChannelsInviteInput = z.output<typeof channelsInviteInput>;

/** A room as channels.invite and groups.invite answer it (Rocket.Chat's room fields). */
const roomView = z.object({
  _id: z.string(),
  t: z.string(),
  name: z.string(),
  fname: z.string(),
  msgs: z.number(),
  usersCount: z.number(),
  u: z.object({ _id: z.string(), username: z.string() }),
  ts: z.string(),
  ro: z.boolean(),
  sysMes: z.boolean(),
  default: z.boolean(),
  _updatedAt: z.string(),
  lm: z.optional(z.string()),
});
export const channelsInviteReply = z.strictObject({ channel: roomView, success: z.literal(true) });
export const groupsInviteReply = z.strictObject({ group: roomView, success: z.literal(true) });

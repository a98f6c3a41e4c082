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

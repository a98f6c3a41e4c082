import { z } from 'zod';

/** Upper bound on invitees per request; bulk invites are batched, see store/rooms.ts. */
export const MAX_INVITEES = 1000;
const MAX_PARAM_LENGTH = 256;

const param = z.string().max(MAX_PARAM_LENGTH);
const list = z.array(param).max(MAX_INVITEES, `at most ${MAX_INVITEES} users can be invited at once`);

/** Body of `POST /api/v1/channels.invite`; unknown params are ignored, as Rocket.Chat does. */
export const channelsInviteInput = z.object({
  roomId: param.optional(),
  roomName: param.optional(),
  userId: param.optional(),
  userIds: list.optional(),
  username: param.optional(),
  usernames: list.optional(),
  user: param.optional(),
});

export type ChannelsInviteInput = z.output<typeof channelsInviteInput>;

import { rocketChat } from '../../dialects/rocketchat';
import { inviteToChannel } from '../../domain/rocketchat/channels-invite';
import { apiHandler } from '../../chain/api-handler';
import { channelsInviteRoute } from '../../routes/rocketchat';

/** POST /api/v1/channels.invite (X-RateLimit-* headers and the rate-limit bypass come with the dialect). */
export const handler = apiHandler(channelsInviteRoute).handler(async (_event, context) =>
  rocketChat.success({ channel: await inviteToChannel(context.caller, context.input.body) }),
);

import { rocketChat } from '../dialect';
import { inviteToChannel } from '../domain/channels-invite';
import { apiHandler } from '../../../chain/api-handler';
import { channelsInviteRoute } from '../routes';

/** POST /api/v1/channels.invite (X-RateLimit-* headers and the rate-limit bypass come with the dialect). */
export const handler = apiHandler(channelsInviteRoute).handler(async (_event, context) =>
  rocketChat.success({ channel: await inviteToChannel(context.caller, context.input.body) }),
);

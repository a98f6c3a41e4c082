import { rocketChat, rocketChatSuccess } from '../../dialects/rocketchat';
import { inviteToChannel } from '../../domain/rocketchat/channels-invite';
import { holdsBypassPermission } from '../../domain/rocketchat/rate-limit-bypass';
import { apiHandler } from '../../http/api-handler';
import { channelsInviteInput } from './channels-invite.schema';

/** POST /api/v1/channels.invite, with Rocket.Chat's X-RateLimit-* headers and rate-limit bypass. */
export const handler = apiHandler({
  routeId: 'rocketchat-channels-invite',
  dialect: rocketChat,
  input: channelsInviteInput,
  rateLimit: { headers: true, bypass: holdsBypassPermission },
}).handler(async (_event, context) =>
  rocketChatSuccess({ channel: await inviteToChannel(context.caller, context.input, context.admission) }),
);

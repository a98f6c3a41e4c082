import { rocketChat } from '../../dialects/rocketchat';
import { inviteToChannel } from '../../domain/rocketchat/channels-invite';
import { apiHandler } from '../../chain/api-handler';
import { channelsInviteInput } from './channels-invite.schema';

/** POST /api/v1/channels.invite (X-RateLimit-* headers and the rate-limit bypass come with the dialect). */
export const handler = apiHandler({ routeId: 'rocketchat-channels-invite', dialect: rocketChat, input: channelsInviteInput }).handler(
  async (_event, context) => rocketChat.success({ channel: await inviteToChannel(context.caller, context.input.body) }),
);

import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { rocketChat, rocketChatSuccess } from '../../dialects/rocketchat';
import { inviteToChannel } from '../../domain/rocketchat/channels-invite';
import type { ApiContext, ApiEvent, ApiResult } from '../../http/types';
import { authenticate } from '../../middleware/authenticate';
import { formatErrors } from '../../middleware/format-errors';
import { parseJsonBody } from '../../middleware/parse-json-body';
import { validateInput } from '../../middleware/validate-input';
import { type ChannelsInviteInput, channelsInviteInput } from './channels-invite.schema';

/** POST /api/v1/channels.invite. Authentication precedes validation, as in Rocket.Chat. */
export const handler = middy<ApiEvent, ApiResult, Error, ApiContext<ChannelsInviteInput>>()
  .use(formatErrors(rocketChat))
  .use(httpHeaderNormalizer())
  .use(parseJsonBody())
  .use(authenticate(rocketChat))
  .use(validateInput(channelsInviteInput))
  .handler(async (_event, context) =>
    rocketChatSuccess({ channel: await inviteToChannel(context.caller, context.input) }),
  );

import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import { rocketChat, rocketChatSuccess } from '../../dialects/rocketchat';
import { inviteToChannel } from '../../domain/rocketchat/channels-invite';
import type { ApiContext, ApiEvent, ApiResult } from '../../http/types';
import { authenticate } from '../../middleware/authenticate';
import { dialectResponse } from '../../middleware/dialect-response';
import { parseJsonBody } from '../../middleware/parse-json-body';
import { rateLimit } from '../../middleware/rate-limit';
import { validateInput } from '../../middleware/validate-input';
import { findRoute } from '../../routes';
import { holdsBypassPermission } from '../../domain/rocketchat/rate-limit-bypass';
import { type ChannelsInviteInput, channelsInviteInput } from './channels-invite.schema';

const limit = rateLimit(findRoute('rocketchat-channels-invite'), rocketChat, {
  headers: true,
  bypass: holdsBypassPermission,
});

/** POST /api/v1/channels.invite. Authentication and the rate limit precede validation, as in Rocket.Chat. */
export const handler = middy<ApiEvent, ApiResult, Error, ApiContext<ChannelsInviteInput>>()
  .use(dialectResponse(rocketChat))
  .use(httpHeaderNormalizer())
  .use(parseJsonBody())
  .use(limit.count)
  .use(authenticate(rocketChat))
  .use(limit.enforce)
  .use(validateInput(channelsInviteInput))
  .handler(async (_event, context) =>
    rocketChatSuccess({ channel: await inviteToChannel(context.caller, context.input, context.admission) }),
  );

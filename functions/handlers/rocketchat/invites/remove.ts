import { rocketChat, rocketChatReply } from '../../../dialects/rocketchat';
import { removeInvite } from '../../../domain/rocketchat/invite-links';
import { apiHandler } from '../../../chain/api-handler';
import { removeInviteRoute } from '../../../routes/rocketchat';

/** DELETE /api/v1/removeInvite/:_id → a bare `true`. */
export const handler = apiHandler(removeInviteRoute).handler(async (_event, context) =>
  rocketChatReply(await removeInvite(context.caller, context.input.path._id)),
);

import { rocketChat, rocketChatReply } from '../../dialect';
import { removeInvite } from '../../domain/invite-links';
import { apiHandler } from '../../../../chain/api-handler';
import { removeInviteRoute } from '../../routes';

/** DELETE /api/v1/removeInvite/:_id → a bare `true`. */
export const handler = apiHandler(removeInviteRoute).handler(async (_event, context) =>
  rocketChatReply(await removeInvite(context.caller, context.input.path._id)),
);

import { rocketChat, rocketChatReply } from '../../../dialects/rocketchat';
import { listInvites } from '../../../domain/rocketchat/invite-links';
import { apiHandler } from '../../../chain/api-handler';
import { listInvitesRoute } from '../../../routes/rocketchat';

/** GET /api/v1/listInvites → a bare array of every invite. */
export const handler = apiHandler(listInvitesRoute).handler(async (_event, context) => rocketChatReply(await listInvites(context.caller)));

import { rocketChat, rocketChatReply } from '../../dialect';
import { listInvites } from '../../domain/invite-links';
import { apiHandler } from '../../../../chain/api-handler';
import { listInvitesRoute } from '../../routes';

/** GET /api/v1/listInvites → a bare array of every invite. */
export const handler = apiHandler(listInvitesRoute).handler(async (_event, context) => rocketChatReply(await listInvites(context.caller)));

import { rocketChat, rocketChatReply } from '../../../dialects/rocketchat';
import { listInvites } from '../../../domain/rocketchat/invite-links';
import { apiHandler } from '../../../chain/api-handler';
import { noInput } from '../invites.schema';

/** GET /api/v1/listInvites → a bare array of every invite. */
export const handler = apiHandler({ routeId: 'rocketchat-list-invites', dialect: rocketChat, input: noInput }).handler(
  async (_event, context) => rocketChatReply(await listInvites(context.caller)),
);

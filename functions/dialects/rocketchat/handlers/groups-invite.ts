import { rocketChat } from '../dialect';
import { inviteToGroup } from '../domain/groups-invite';
import { apiHandler } from '../../../chain/api-handler';
import { groupsInviteRoute } from '../routes';

/** POST /api/v1/groups.invite: add users to a private group → `{"group": {...}, "success": true}`. */
export const handler = apiHandler(groupsInviteRoute).handler(async (_event, context) =>
  rocketChat.success({ group: await inviteToGroup(context.caller, context.input.body) }),
);

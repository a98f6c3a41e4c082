import { rocketChat } from '../../dialects/rocketchat';
import { inviteToGroup } from '../../domain/rocketchat/groups-invite';
import { apiHandler } from '../../chain/api-handler';
import { channelsInviteInput } from './channels-invite.schema';

/** POST /api/v1/groups.invite: add users to a private group → `{"group": {...}, "success": true}`. */
export const handler = apiHandler({ routeId: 'rocketchat-groups-invite', dialect: rocketChat, input: channelsInviteInput }).handler(
  async (_event, context) => rocketChat.success({ group: await inviteToGroup(context.caller, context.input.body) }),
);

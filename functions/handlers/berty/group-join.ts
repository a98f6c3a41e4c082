import { berty } from '../../dialects/berty';
import { joinMultiMemberGroup } from '../../domain/berty/multi-member-groups';
import { apiHandler } from '../../chain/api-handler';
import { groupJoinRequest } from './schemas';

/** POST /protocol/v1/MultiMemberGroupJoin `{"group": {...}}` → `{}`. */
export const handler = apiHandler({ routeId: 'berty-multi-member-group-join', dialect: berty, input: groupJoinRequest }).handler(
  async (_event, context) => berty.success(await joinMultiMemberGroup(context.caller, context.input.body.group!)),
);

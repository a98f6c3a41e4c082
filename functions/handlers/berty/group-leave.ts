import { berty } from '../../dialects/berty';
import { leaveMultiMemberGroup } from '../../domain/berty/multi-member-groups';
import { apiHandler } from '../../chain/api-handler';
import { groupLeaveRequest } from './schemas';

/** POST /protocol/v1/MultiMemberGroupLeave `{"group_pk"}` → `{}` (members only). */
export const handler = apiHandler({ routeId: 'berty-multi-member-group-leave', dialect: berty, input: groupLeaveRequest }).handler(
  async (_event, context) => berty.success(await leaveMultiMemberGroup(context.caller, context.input.body.groupPk!)),
);

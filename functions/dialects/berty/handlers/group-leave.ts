import { berty } from '../dialect';
import { leaveMultiMemberGroup } from '../domain/multi-member-groups';
import { apiHandler } from '../../../chain/api-handler';
import { multiMemberGroupLeaveRoute } from '../routes';

/** POST /protocol/v1/MultiMemberGroupLeave `{"group_pk"}` → `{}` (members only). */
export const handler = apiHandler(multiMemberGroupLeaveRoute).handler(async (_event, context) =>
  berty.success(await leaveMultiMemberGroup(context.caller, context.input.body.groupPk!)),
);

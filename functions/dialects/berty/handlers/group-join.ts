import { berty } from '../dialect';
import { joinMultiMemberGroup } from '../domain/multi-member-groups';
import { apiHandler } from '../../../chain/api-handler';
import { multiMemberGroupJoinRoute } from '../routes';

/** POST /protocol/v1/MultiMemberGroupJoin `{"group": {...}}` → `{}`. */
export const handler = apiHandler(multiMemberGroupJoinRoute).handler(async (_event, context) =>
  berty.success(await joinMultiMemberGroup(context.caller, context.input.body.group!)),
);

import { berty } from '../dialect';
import { createMultiMemberGroup } from '../domain/multi-member-groups';
import { apiHandler } from '../../../chain/api-handler';
import { multiMemberGroupCreateRoute } from '../routes';

/** POST /protocol/v1/MultiMemberGroupCreate `{}` → `{"group_pk"}`. */
export const handler = apiHandler(multiMemberGroupCreateRoute).handler(async (_event, context) =>
  berty.success(await createMultiMemberGroup(context.caller)),
);

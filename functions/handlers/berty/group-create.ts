import { berty } from '../../dialects/berty';
import { createMultiMemberGroup } from '../../domain/berty/multi-member-groups';
import { apiHandler } from '../../chain/api-handler';
import { groupCreateRequest } from './schemas';

/** POST /protocol/v1/MultiMemberGroupCreate `{}` → `{"group_pk"}`. */
export const handler = apiHandler({ routeId: 'berty-multi-member-group-create', dialect: berty, input: groupCreateRequest }).handler(
  async (_event, context) => berty.success(await createMultiMemberGroup(context.caller)),
);

import { berty, bertySuccess } from '../../dialects/berty';
import { createMultiMemberGroup } from '../../domain/berty/multi-member-groups';
import { apiHandler } from '../../http/api-handler';
import { protoInvalid } from './proto-json';
import { groupCreateRequest } from './schemas';

/** POST /protocol/v1/MultiMemberGroupCreate `{}` → `{"group_pk"}`. */
export const handler = apiHandler({
  routeId: 'berty-multi-member-group-create',
  dialect: berty,
  input: groupCreateRequest,
  onInvalid: protoInvalid,
  body: { emptyBody: 'empty-object' },
}).handler(async (_event, context) => bertySuccess(await createMultiMemberGroup(context.caller, context.admission)));

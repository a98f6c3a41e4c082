import { berty, bertySuccess } from '../../dialects/berty';
import { joinMultiMemberGroup } from '../../domain/berty/multi-member-groups';
import { apiHandler } from '../../http/api-handler';
import { protoInvalid } from './proto-json';
import { groupJoinRequest } from './schemas';

/** POST /protocol/v1/MultiMemberGroupJoin `{"group": {...}}` → `{}`. */
export const handler = apiHandler({
  routeId: 'berty-multi-member-group-join',
  dialect: berty,
  input: groupJoinRequest,
  onInvalid: protoInvalid,
  body: { emptyBody: 'empty-object' },
}).handler(async (_event, context) =>
  bertySuccess(await joinMultiMemberGroup(context.caller, context.input.group!, context.admission)),
);

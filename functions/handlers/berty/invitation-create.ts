import { berty } from '../../dialects/berty';
import { createInvitation } from '../../domain/berty/multi-member-groups';
import { apiHandler } from '../../chain/api-handler';
import { invitationCreateRequest } from './schemas';

/** POST /protocol/v1/MultiMemberGroupInvitationCreate `{"group_pk"}` → `{"group": {...}}` (members only). */
export const handler = apiHandler({
  routeId: 'berty-multi-member-group-invitation-create',
  dialect: berty,
  input: invitationCreateRequest,
}).handler(async (_event, context) => berty.success(await createInvitation(context.caller, context.input.body.groupPk!)));

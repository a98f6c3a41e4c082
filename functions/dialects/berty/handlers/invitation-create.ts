import { berty } from '../dialect';
import { createInvitation } from '../domain/multi-member-groups';
import { apiHandler } from '../../../chain/api-handler';
import { multiMemberGroupInvitationCreateRoute } from '../routes';

/** POST /protocol/v1/MultiMemberGroupInvitationCreate `{"group_pk"}` → `{"group": {...}}` (members only). */
export const handler = apiHandler(multiMemberGroupInvitationCreateRoute).handler(async (_event, context) =>
  berty.success(await createInvitation(context.caller, context.input.body.groupPk!)),
);

import { berty, bertySuccess } from '../../dialects/berty';
import { createInvitation } from '../../domain/berty/multi-member-groups';
import { apiHandler } from '../../http/api-handler';
import { protoInvalid } from './proto-json';
import { invitationCreateRequest } from './schemas';

/** POST /protocol/v1/MultiMemberGroupInvitationCreate `{"group_pk"}` → `{"group": {...}}` (members only). */
export const handler = apiHandler({
  routeId: 'berty-multi-member-group-invitation-create',
  dialect: berty,
  input: invitationCreateRequest,
  onInvalid: protoInvalid,
  body: { emptyBody: 'empty-object' },
}).handler(async (_event, context) =>
  bertySuccess(await createInvitation(context.caller, context.input.groupPk!, context.admission)),
);

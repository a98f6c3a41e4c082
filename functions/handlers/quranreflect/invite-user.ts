import { quranReflect, quranReflectSuccess } from '../../dialects/quranreflect';
import { inviteUserToGroup } from '../../domain/quranreflect/invite-user';
import { apiHandler } from '../../http/api-handler';
import { inviteUserInput, inviteUserInvalid } from './invite-user.schema';

/** PUT /v1/groups/{groupId}/inviteUser. */
export const handler = apiHandler({
  routeId: 'quranreflect-groups-invite-user',
  dialect: quranReflect,
  input: inviteUserInput,
  onInvalid: inviteUserInvalid,
}).handler(async (event, context) => {
  const params = { groupId: event.pathParameters?.groupId ?? '', ...context.input };
  await inviteUserToGroup(context.caller, params, context.admission);
  return quranReflectSuccess({ message: 'User has been invited successfully.' });
});

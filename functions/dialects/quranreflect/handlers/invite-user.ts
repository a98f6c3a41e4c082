import { quranReflect } from '../dialect';
import { inviteUserToGroup } from '../domain/invite-user';
import { apiHandler } from '../../../chain/api-handler';
import { groupsInviteUserRoute } from '../routes';

/** PUT /v1/groups/{groupId}/inviteUser. */
export const handler = apiHandler(groupsInviteUserRoute).handler(async (_event, context) => {
  const { path, body } = context.input;
  await inviteUserToGroup(context.caller, { groupId: path.groupId, ...body });
  return quranReflect.success({ message: 'User has been invited successfully.' });
});

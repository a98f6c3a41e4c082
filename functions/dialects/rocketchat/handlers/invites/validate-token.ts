import { rocketChat } from '../../dialect';
import { validateInviteToken } from '../../domain/invite-links';
import { apiHandler } from '../../../../chain/api-handler';
import { validateInviteTokenRoute } from '../../routes';

/** POST /api/v1/validateInviteToken `{token}` (no login) → `{"valid", "success": true}`, always 200. */
export const handler = apiHandler(validateInviteTokenRoute).handler(async (_event, context) =>
  rocketChat.success(await validateInviteToken(context.input.body.token)),
);

import { rocketChat } from '../../../dialects/rocketchat';
import { validateInviteToken } from '../../../domain/rocketchat/invite-links';
import { apiHandler } from '../../../chain/api-handler';
import { validateInviteTokenRoute } from '../../../routes/rocketchat';

/** POST /api/v1/validateInviteToken `{token}` (no login) → `{"valid", "success": true}`, always 200. */
export const handler = apiHandler(validateInviteTokenRoute).handler(async (_event, context) =>
  rocketChat.success(await validateInviteToken(context.input.body.token)),
);

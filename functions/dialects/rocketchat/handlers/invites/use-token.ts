import { rocketChat } from '../../dialect';
import { useInviteToken } from '../../domain/invite-links';
import { apiHandler } from '../../../../chain/api-handler';
import { useInviteTokenRoute } from '../../routes';

/** POST /api/v1/useInviteToken `{token}` → `{"room": {...}, "success": true}`. */
export const handler = apiHandler(useInviteTokenRoute).handler(async (_event, context) =>
  rocketChat.success(await useInviteToken(context.caller, context.input.body.token)),
);

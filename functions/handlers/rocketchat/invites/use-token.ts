import { rocketChat } from '../../../dialects/rocketchat';
import { useInviteToken } from '../../../domain/rocketchat/invite-links';
import { apiHandler } from '../../../chain/api-handler';
import { invalidParams, tokenInput } from '../invites.schema';

/** POST /api/v1/useInviteToken `{token}` → `{"room": {...}, "success": true}`. */
export const handler = apiHandler({
  routeId: 'rocketchat-use-invite-token',
  dialect: rocketChat,
  input: tokenInput,
  onInvalid: invalidParams,
}).handler(async (_event, context) => rocketChat.success(await useInviteToken(context.caller, context.input.body.token)));

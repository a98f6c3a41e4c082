import { rocketChat } from '../../../dialects/rocketchat';
import { validateInviteToken } from '../../../domain/rocketchat/invite-links';
import { apiHandler } from '../../../chain/api-handler';
import { invalidParams, tokenInput } from '../invites.schema';

/** POST /api/v1/validateInviteToken `{token}` (no login) → `{"valid", "success": true}`, always 200. */
export const handler = apiHandler({
  routeId: 'rocketchat-validate-invite-token',
  dialect: rocketChat,
  input: tokenInput,
  onInvalid: invalidParams,
}).handler(async (_event, context) => rocketChat.success(await validateInviteToken(context.input.body.token)));

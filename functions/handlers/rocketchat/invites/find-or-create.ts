import { rocketChat } from '../../../dialects/rocketchat';
import { findOrCreateInvite } from '../../../domain/rocketchat/invite-links';
import { apiHandler } from '../../../chain/api-handler';
import { findOrCreateInviteInput, invalidParams } from '../invites.schema';

/** POST /api/v1/findOrCreateInvite `{rid, days, maxUses}` → the invite + `"success": true`. */
export const handler = apiHandler({
  routeId: 'rocketchat-find-or-create-invite',
  dialect: rocketChat,
  input: findOrCreateInviteInput,
  onInvalid: invalidParams,
}).handler(async (_event, context) => rocketChat.success(await findOrCreateInvite(context.caller, context.input.body)));

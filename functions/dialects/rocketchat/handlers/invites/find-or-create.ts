import { rocketChat } from '../../dialect';
import { findOrCreateInvite } from '../../domain/invite-links';
import { apiHandler } from '../../../../chain/api-handler';
import { findOrCreateInviteRoute } from '../../routes';

/** POST /api/v1/findOrCreateInvite `{rid, days, maxUses}` → the invite + `"success": true`. */
export const handler = apiHandler(findOrCreateInviteRoute).handler(async (_event, context) =>
  rocketChat.success(await findOrCreateInvite(context.caller, context.input.body)),
);

import { rocketChat } from '../../../dialects/rocketchat';
import { sendInvitationEmail } from '../../../domain/rocketchat/invite-links';
import { apiHandler } from '../../../chain/api-handler';
import { invalidParams, sendInvitationEmailInput } from '../invites.schema';

/** POST /api/v1/sendInvitationEmail `{emails}` → `{"success": true}`; one event per valid address. */
export const handler = apiHandler({
  routeId: 'rocketchat-send-invitation-email',
  dialect: rocketChat,
  input: sendInvitationEmailInput,
  onInvalid: invalidParams,
}).handler(async (_event, context) =>
  rocketChat.success(await sendInvitationEmail(context.caller, context.input.body.emails)),
);

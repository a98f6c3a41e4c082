import { rocketChat } from '../../dialect';
import { sendInvitationEmail } from '../../domain/invitation-emails';
import { apiHandler } from '../../../../chain/api-handler';
import { sendInvitationEmailRoute } from '../../routes';

/** POST /api/v1/sendInvitationEmail `{emails, inviteId?}` → `{"success": true}`; one e-mail per distinct valid address. */
export const handler = apiHandler(sendInvitationEmailRoute).handler(async (_event, context) =>
  rocketChat.success(await sendInvitationEmail(context.caller, context.input.body)),
);

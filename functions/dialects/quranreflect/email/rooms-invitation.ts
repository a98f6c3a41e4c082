/**
 * The QuranReflect (Rooms and Groups) invitation e-mail. Data: groupName, inviterName, expiresOn,
 * acceptUrl, rejectUrl. Values are escaped by the renderer (functions/email/render.ts).
 */
import type { EmailTemplate } from '../../../email/render';

export const roomsInvitationTemplate: EmailTemplate = {
  subject: '{{inviterName}} invited you to join {{groupName}}',
  html: `<!doctype html>
<html>
<body style="font-family: Helvetica, Arial, sans-serif; color: #222; line-height: 1.5">
  <h2>You are invited to join {{groupName}}</h2>
  <p>{{inviterName}} invited you to the group <strong>{{groupName}}</strong>.</p>
  <p>
    <a href="{{acceptUrl}}" style="background: #2ca58d; color: #fff; padding: 8px 16px; text-decoration: none; border-radius: 4px">Accept the invitation</a>
    &nbsp;
    <a href="{{rejectUrl}}">Decline</a>
  </p>
  <p style="color: #666; font-size: 13px">This invitation expires on {{expiresOn}}. If you did not expect it, you can ignore this e-mail.</p>
</body>
</html>
`,
  text: `You are invited to join {{groupName}}

{{inviterName}} invited you to the group "{{groupName}}".

Accept the invitation: {{acceptUrl}}
Decline: {{rejectUrl}}

This invitation expires on {{expiresOn}}. If you did not expect it, you can ignore this e-mail.
`,
};

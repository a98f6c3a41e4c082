/** GET /invite/{id}: the page a shared Rocket.Chat invite link opens (no login). */
import { apiHandler } from '../../../../chain/api-handler';
import { invitePageRoute } from '../../routes';
import { rocketChat } from '../../dialect';
import { inviteLinkPage } from '../../domain/invite-link-page';
import { readableUtc } from '../../../../email/render';
import { htmlPage, text } from '../../../../pages/html-page';

export const handler = apiHandler(invitePageRoute).handler(async (_event, context) => {
  const page = await inviteLinkPage(context.input.path.id);
  if (page.state !== 'live') {
    if (page.state === 'unknown')
      return htmlPage(
        404,
        'Invite link not found',
        '<h1>This invite link does not exist</h1><p>It may have been removed. Ask for a new one.</p>',
      );
    return htmlPage(
      410,
      'Invite link expired',
      '<h1>This invite link has expired</h1><p>It has run out of time or uses. Ask for a new one.</p>',
    );
  }
  const expires = page.expires ? readableUtc(page.expires) : 'never';
  return htmlPage(
    200,
    `Join ${page.roomName}`,
    `<h1>You are invited to join ${text(page.roomName)}</h1>
<dl><dt>Room</dt><dd>${text(page.roomName)} (${text(page.roomType)})</dd><dt>Invited by</dt><dd>${text(page.createdBy)}</dd><dt>Expires</dt><dd>${text(expires)}</dd><dt>Uses left</dt><dd>${page.usesLeft === null ? 'unlimited' : page.usesLeft}</dd></dl>
<p><a class="button" href="${text(page.openUrl)}">Open in Rocket.Chat</a></p>`,
  );
});

/**
 * Rocket.Chat's invitation e-mail as 7.x builds it: `Email_Header` + `Invitation_Email` +
 * `Email_Footer` (settings, functions/dialects/rocketchat/domain/email-settings.ts), `[Site_Name]`,
 * `[Site_URL]`, `[email]` and, beyond upstream, `[Invite_URL]` filled. When the request named an
 * invite link and the body has no `[Invite_URL]`, this paragraph is added so the link is not lost.
 */
export const inviteLinkParagraph = '<p><a href="[Invite_URL]">[Invite_URL]</a></p>';

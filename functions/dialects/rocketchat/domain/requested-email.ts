/**
 * The e-mail of `Invitation Email Requested` (sendInvitationEmail): Rocket.Chat's own, from the
 * stored e-mail settings (header, body, footer, subject; `[Site_Name]`, `[Site_URL]`, `[email]`,
 * `[Invite_URL]` filled), to the address asked for.
 */
import type { EmailMaker } from '../../../domain/notify/invitation-emails';
import { escapeHtml, fillBracketPlaceholders, htmlToText, oneLine } from '../../../email/render';
import { inviteLinkParagraph } from '../email/rocketchat-invitation';
import { readSettings } from '../store/settings';
import { EMAIL_SETTING_IDS, withDefaults } from './email-settings';

export interface EmailSettingsStore {
  readSettings(ids: readonly string[]): Promise<Map<string, string>>;
}

export const requestedInvitationEmail =
  (store: EmailSettingsStore = { readSettings }): EmailMaker =>
  async ({ detail }) => {
    const settings = withDefaults(await store.readSettings(EMAIL_SETTING_IDS));
    const email = String(detail.email);
    const inviteUrl = typeof detail.inviteUrl === 'string' ? detail.inviteUrl : undefined;
    const body =
      inviteUrl && !settings.Invitation_Email.includes('[Invite_URL]')
        ? settings.Invitation_Email + inviteLinkParagraph
        : settings.Invitation_Email;
    const data = { Site_Name: settings.Site_Name, Site_URL: settings.Site_URL, email, ...(inviteUrl ? { Invite_URL: inviteUrl } : {}) };
    const html = fillBracketPlaceholders(settings.Email_Header + body + settings.Email_Footer, data, escapeHtml);
    return {
      to: email,
      kind: 'rocketchat-invitation',
      subject: oneLine(fillBracketPlaceholders(settings.Invitation_Subject, data, (value) => value)),
      html,
      text: htmlToText(html),
    };
  };

/**
 * Rocket.Chat's settings behind `sendInvitationEmail`, with upstream's English defaults
 * (apps/meteor/server/settings/email.ts, its i18n keys resolved from en.i18n.json). An admin sets
 * them with `npm run admin -- set-setting`; unset ones take these values. `Site_URL` defaults to
 * RC_SITE_URL (or the API's URL), as invite links do.
 */
export const emailSettingDefaults = {
  Site_Name: 'Rocket.Chat',
  Site_URL: '',
  Invitation_Subject: 'You have been invited to [Site_Name]',
  Invitation_Email:
    '<h2>Welcome to [Site_Name]</h2><p>Visit [Site_URL] and try the best open source chat solution available today!</p><a class="btn" href="[Site_URL]">Join Chat</a>',
  Email_Header: '<html><body><h1>[Site_Name]</h1>',
  Email_Footer: '<p>Powered by [Site_Name]</p></body></html>',
  /** Beyond upstream: a caller's invitation e-mails per UTC day (admins included). */
  Invitation_Email_Daily_Limit: '500',
} as const;

export type EmailSettingId = keyof typeof emailSettingDefaults;
export const EMAIL_SETTING_IDS = Object.keys(emailSettingDefaults) as EmailSettingId[];

export type EmailSettings = Record<EmailSettingId, string>;

/** Stored values over the defaults. */
export function withDefaults(stored: ReadonlyMap<string, string>, env: NodeJS.ProcessEnv = process.env): EmailSettings {
  const settings = { ...emailSettingDefaults } as EmailSettings;
  settings.Site_URL = (env.RC_SITE_URL || env.PUBLIC_BASE_URL || '').replace(/\/+$/, '');
  for (const id of EMAIL_SETTING_IDS) {
    const value = stored.get(id);
    if (value !== undefined) settings[id] = value;
  }
  return settings;
}

// Own keys only: `in` would also take `toString` and the rest of the prototype for a setting.
export const isEmailSetting = (id: string): id is EmailSettingId => Object.hasOwn(emailSettingDefaults, id);

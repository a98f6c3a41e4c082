/** Rocket.Chat's e-mail settings (email-settings.ts): upstream's defaults, stored values over them, the site URL. */
import { describe, expect, test } from 'vitest';
import {
  EMAIL_SETTING_IDS,
  emailSettingDefaults,
  isEmailSetting,
  withDefaults,
} from '../../functions/dialects/rocketchat/domain/email-settings';

describe('withDefaults', () => {
  test("nothing stored: upstream's English defaults, the site URL from RC_SITE_URL without its trailing slashes", () => {
    const settings = withDefaults(new Map(), { RC_SITE_URL: 'https://chat.example.com//', PUBLIC_BASE_URL: 'https://api.example.com' });
    expect(settings).toEqual({ ...emailSettingDefaults, Site_URL: 'https://chat.example.com' });
    expect(settings.Invitation_Subject).toBe('You have been invited to [Site_Name]');
  });

  test('the site URL falls back to the public base URL, then to nothing', () => {
    expect(withDefaults(new Map(), { PUBLIC_BASE_URL: 'http://127.0.0.1:3000/' }).Site_URL).toBe('http://127.0.0.1:3000');
    expect(withDefaults(new Map(), {}).Site_URL).toBe('');
  });

  test('stored values win, an empty one included (an admin may blank a setting); unknown ids are ignored', () => {
    const stored = new Map([
      ['Site_Name', 'Acme Chat'],
      ['Invitation_Subject', ''],
      ['Site_URL', 'https://stored.example.com'],
      ['Not_A_Setting', 'x'],
    ]);
    const settings = withDefaults(stored, { RC_SITE_URL: 'https://env.example.com' });
    expect(settings.Site_Name).toBe('Acme Chat');
    expect(settings.Invitation_Subject).toBe('');
    expect(settings.Site_URL).toBe('https://stored.example.com');
    expect(Object.keys(settings).sort()).toEqual([...EMAIL_SETTING_IDS].sort());
  });

  test('the defaults object is never changed by a call', () => {
    withDefaults(new Map([['Site_Name', 'Changed']]), {});
    expect(emailSettingDefaults.Site_Name).toBe('Rocket.Chat');
  });
});

test('isEmailSetting knows exactly the setting ids (the admin CLI refuses others)', () => {
  for (const id of EMAIL_SETTING_IDS) expect(isEmailSetting(id)).toBe(true);
  expect(isEmailSetting('Invitation_Email_Daily_Limit')).toBe(true);
  expect(isEmailSetting('site_name')).toBe(false);
  expect(isEmailSetting('toString')).toBe(false);
});

/**
 * Rocket.Chat's operator commands (`npm run admin -- …`): channels and their members, permissions,
 * the e-mail settings. Each returns the JSON object the CLI prints, or throws an AdminError.
 */
import { AdminError, type AdminCommandSet, flag, requireUser, text, texts } from '../../../admin/command';
import type { RoomType } from '../../model';
import { toChannelView } from './domain/channel-view';
import { EMAIL_SETTING_IDS, isEmailSetting, withDefaults } from './domain/email-settings';
import { setPermissionRoles } from './domain/permissions';
import { createRoom, removeRoomMember } from './domain/rooms';
import { migrateClearLinks } from './domain/link-migration';
import { findRoom, getRoomMember, listRoomMembers } from './store/rocketchat-rooms';
import { deleteSetting, listSettings, writeSetting } from './store/settings';

const ROOM_TYPES: readonly RoomType[] = ['c', 'p', 'd', 'l'];

async function requireRoom(idOrName: string) {
  const room = await findRoom(idOrName);
  if (!room) throw new AdminError(`No channel "${idOrName}"`);
  return room;
}

export async function addChannel(input: {
  name?: string;
  type?: string;
  owner?: string;
  members?: string[];
  moderators?: string[];
  archived?: boolean;
}) {
  if (!input.name) throw new AdminError('--name is required');
  const type = (input.type ?? 'c') as RoomType;
  if (!ROOM_TYPES.includes(type)) throw new AdminError(`--type must be one of ${ROOM_TYPES.join(', ')}`);
  // Rocket.Chat rooms always have a creator; without --owner the first --member is it.
  const owner = input.owner ?? input.members?.[0];
  if (!owner) throw new AdminError('--owner (or at least one --member) is required');
  const room = await createRoom({
    name: input.name,
    type,
    owner: await requireUser(owner),
    members: await Promise.all((input.members ?? []).map(requireUser)),
    moderators: await Promise.all((input.moderators ?? []).map(requireUser)),
    archived: input.archived,
  });
  return room;
}

export async function removeChannelMember(input: { channel?: string; user?: string }) {
  if (!input.channel || !input.user) throw new AdminError('--channel and --user are required');
  const room = await requireRoom(input.channel);
  const user = await requireUser(input.user);
  if ((await getRoomMember(room._id, user._id))?.status === 'BANNED')
    throw new AdminError(`${user.username} is banned from ${room.name}, not a member`);
  if (!(await removeRoomMember(room._id, user._id))) throw new AdminError(`${user.username} is not a member of ${room.name}`);
  return { channel: room._id, removed: user._id };
}

export async function showChannel(input: { channel?: string }) {
  if (!input.channel) throw new AdminError('--channel is required');
  const room = await requireRoom(input.channel);
  const members = await listRoomMembers(room._id);
  return {
    ...toChannelView(room),
    archived: room.archived === true,
    members: members.map((member) => ({ ...member.u, roles: member.roles })),
  };
}

export async function setPermission(input: { permission?: string; roles?: string }) {
  if (!input.permission || input.roles === undefined) throw new AdminError('usage: permission set <permission> --roles r1,r2');
  const roles = input.roles
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  return setPermissionRoles(input.permission, roles);
}

export async function listEmailSettings() {
  const stored = await listSettings();
  return Object.fromEntries(EMAIL_SETTING_IDS.map((id) => [id, { value: withDefaults(stored)[id], default: !stored.has(id) }]));
}

/** Sets one of Rocket.Chat's e-mail settings; `--reset` goes back to upstream's default. */
export async function setEmailSetting(input: { id?: string; value?: string; reset?: boolean }) {
  if (!input.id || !isEmailSetting(input.id))
    throw new AdminError(`usage: setting set <id> (--value V | --reset); ids: ${EMAIL_SETTING_IDS.join(', ')}`);
  if (input.reset) await deleteSetting(input.id);
  else if (input.value === undefined) throw new AdminError('--value or --reset is required');
  else {
    if (input.id === 'Invitation_Email_Daily_Limit' && !/^\d{1,6}$/.test(input.value))
      throw new AdminError('Invitation_Email_Daily_Limit is a whole number of e-mails');
    await writeSetting(input.id, input.value);
  }
  return { [input.id]: withDefaults(await listSettings())[input.id] };
}

export const admin: AdminCommandSet = {
  options: {
    name: { type: 'string' },
    type: { type: 'string' },
    owner: { type: 'string' },
    member: { type: 'string', multiple: true },
    moderator: { type: 'string', multiple: true },
    archived: { type: 'boolean' },
    channel: { type: 'string' },
    user: { type: 'string' },
    roles: { type: 'string' },
    value: { type: 'string' },
    reset: { type: 'boolean' },
    'legacy-days': { type: 'string' },
  },
  commands: [
    {
      words: 'channel add',
      usage: '--name N [--type c|p] [--owner U] [--member U]... [--moderator U]... [--archived]',
      run: (v) =>
        addChannel({
          name: text(v, 'name'),
          type: text(v, 'type'),
          owner: text(v, 'owner'),
          members: texts(v, 'member'),
          moderators: texts(v, 'moderator'),
          archived: flag(v, 'archived'),
        }),
    },
    {
      words: 'channel remove-member',
      usage: '--channel <_id|name> --user U',
      run: (v) => removeChannelMember({ channel: text(v, 'channel'), user: text(v, 'user') }),
    },
    { words: 'channel show', usage: '--channel <_id|name>', run: (v) => showChannel({ channel: text(v, 'channel') }) },
    {
      words: 'invite-links migrate',
      usage: '[--legacy-days 90]',
      run: (v) => {
        const legacyDays = Number(text(v, 'legacy-days') ?? 90);
        if (!Number.isInteger(legacyDays) || legacyDays < 0) throw new AdminError('--legacy-days is a whole number of days');
        return migrateClearLinks({ legacyDays });
      },
    },
    { words: 'setting list', usage: '', run: () => listEmailSettings() },
    {
      words: 'setting set',
      usage: '<id> (--value V | --reset)',
      run: (v, id) => setEmailSetting({ id, value: text(v, 'value'), reset: flag(v, 'reset') }),
    },
    {
      words: 'permission set',
      usage: '<permission> --roles r1,r2',
      run: (v, permission) => setPermission({ permission, roles: text(v, 'roles') }),
    },
  ],
};

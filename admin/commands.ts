/**
 * Operator commands behind `npm run admin`. Each returns the JSON object the CLI prints, or
 * throws an AdminError with a message for stderr. Tests call these directly to build data.
 */
import { createBertyGroup } from '../functions/dialects/berty/domain/multi-member-groups';
import { createGroup, listInvitations as listGroupInvitations, rotatePrivateLink } from '../functions/dialects/quranreflect/domain/groups';
import { toChannelView } from '../functions/dialects/rocketchat/domain/channel-view';
import { setPermissionRoles } from '../functions/dialects/rocketchat/domain/permissions';
import { createRoom, removeRoomMember } from '../functions/dialects/rocketchat/domain/rooms';
import { createUser } from '../functions/domain/users';
import type { RoomType, User } from '../functions/model';
import { createApiClient } from '../functions/store/api-clients';
import { getGroup, listGroupMembers } from '../functions/dialects/quranreflect/store/groups';
import { deleteInvitation } from '../functions/dialects/quranreflect/store/invitations';
import { invitationKey } from '../functions/dialects/quranreflect/store/items';
import { invitationRevoked } from '../functions/dialects/quranreflect/domain/invitation-events';
import { findRoom, listRoomMembers } from '../functions/dialects/rocketchat/store/rocketchat-rooms';
import { createToken } from '../functions/store/tokens';
import { findUser } from '../functions/store/users';
import { resendInvitation as resend } from '../functions/dialects/quranreflect/domain/resend-invitation';
import { EMAIL_SETTING_IDS, isEmailSetting, withDefaults } from '../functions/dialects/rocketchat/domain/email-settings';
import { isServiceError } from '../functions/errors';
import { deleteSetting, listSettings, writeSetting } from '../functions/dialects/rocketchat/store/settings';
import { clearSuppression, listSuppressions, putSuppression } from '../functions/store/suppressions';

export class AdminError extends Error {}

const USERNAME = /^[0-9a-zA-Z-_.]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const GROUP_URL = /^[A-Za-z0-9._-]{1,50}$/;
const ROOM_TYPES: readonly RoomType[] = ['c', 'p', 'd', 'l'];

async function requireUser(idOrUsername: string): Promise<User> {
  const user = await findUser(idOrUsername);
  if (!user) throw new AdminError(`No user "${idOrUsername}"`);
  return user;
}

async function requireRoom(idOrName: string) {
  const room = await findRoom(idOrName);
  if (!room) throw new AdminError(`No channel "${idOrName}"`);
  return room;
}

const userView = (user: User) => ({
  _id: user._id,
  userId: user.userId,
  username: user.username,
  ...(user.email ? { email: user.email } : {}),
  ...(user.name ? { name: user.name } : {}),
  roles: user.roles,
});

export async function addUser(input: { username?: string; email?: string; name?: string; roles?: string[] }) {
  if (!input.username || !USERNAME.test(input.username)) {
    throw new AdminError('--username is required and may hold only letters, digits, "-", "_" and "."');
  }
  if (input.email !== undefined && !EMAIL.test(input.email)) throw new AdminError(`--email "${input.email}" is not an e-mail address`);
  return userView(await createUser({ username: input.username, email: input.email, name: input.name, roles: input.roles }));
}

export async function addToken(input: { user?: string; ttlSeconds?: number }) {
  if (!input.user) throw new AdminError('--user is required');
  const user = await requireUser(input.user);
  return { userId: user._id, authToken: await createToken(user._id, input.ttlSeconds) };
}

export async function addClient(input: { name?: string }) {
  if (!input.name) throw new AdminError('--name is required');
  return createApiClient(input.name);
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

export async function addGroup(input: {
  name?: string;
  admin?: string;
  members?: string[];
  url?: string;
  description?: string;
  isPublic?: boolean;
}) {
  if (!input.name || !input.admin) throw new AdminError('--name and --admin are required');
  if (input.url !== undefined && !GROUP_URL.test(input.url)) {
    throw new AdminError('--url may hold only letters, digits, ".", "_" and "-" (at most 50)');
  }
  return createGroup({
    name: input.name,
    admin: await requireUser(input.admin),
    members: await Promise.all((input.members ?? []).map(requireUser)),
    url: input.url,
    description: input.description,
    isPublic: input.isPublic,
  });
}

/** A new private link for a group; the old one stops working. */
export async function rotateGroupLink(input: { group?: string }) {
  if (!input.group) throw new AdminError('--group is required');
  const privateToken = await rotatePrivateLink(input.group);
  if (!privateToken) throw new AdminError(`No group "${input.group}"`);
  return { groupId: input.group, privateToken };
}

/** Revokes the pending invitation of a user (or of an e-mail address without an account) to a group. */
export async function revokeInvitation(input: { group?: string; user?: string; email?: string }) {
  if (!input.group || !input.user === !input.email) throw new AdminError('--group and one of --user or --email are required');
  const invitee = input.user ? await requireUser(input.user) : undefined;
  const target = {
    groupId: input.group,
    invitee: invitee ? { _id: invitee._id, userId: invitee.userId, username: invitee.username } : { email: input.email!.toLowerCase() },
  };
  const pending = (await listGroupInvitations(input.group)).find(
    (candidate) => JSON.stringify(invitationKey(candidate)) === JSON.stringify(invitationKey(target)),
  );
  const revoked = pending !== undefined && (await deleteInvitation(target, invitationRevoked(pending)));
  if (!revoked) throw new AdminError(`No pending invitation of ${input.user ?? input.email} to group "${input.group}"`);
  return { groupId: input.group, revoked: input.user ?? input.email };
}

export async function showGroup(input: { group?: string }) {
  if (!input.group) throw new AdminError('--group is required');
  const group = await getGroup(input.group);
  if (!group) throw new AdminError(`No group "${input.group}"`);
  return { ...group, members: await listGroupMembers(group.id) };
}

export async function addBertyGroup(input: { members?: string[] }) {
  if (!input.members?.length) throw new AdminError('at least one --member is required (the first is the creator)');
  const members = await Promise.all(input.members.map(requireUser));
  return { group_pk: (await createBertyGroup(members)).toString('base64') };
}

export async function listInvitations(input: { group?: string }) {
  if (!input.group) throw new AdminError('--group is required');
  if (!(await getGroup(input.group))) throw new AdminError(`No group "${input.group}"`);
  return { groupId: input.group, invitations: await listGroupInvitations(input.group) };
}

export async function setPermission(input: { permission?: string; roles?: string }) {
  if (!input.permission || input.roles === undefined) throw new AdminError('usage: permission set <permission> --roles r1,r2');
  const roles = input.roles
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  return setPermissionRoles(input.permission, roles);
}

/** Resends a pending invitation with a fresh token (the old one stops working); the notifier e-mails it. */
export async function resendInvitation(input: { group?: string; user?: string; email?: string }) {
  if (!input.group || !input.user === !input.email) throw new AdminError('--group and one of --user or --email are required');
  const target = input.user ? { userNumber: (await requireUser(input.user)).userId } : { email: input.email! };
  try {
    return await resend(input.group, target);
  } catch (error) {
    if (isServiceError(error)) throw new AdminError(`${error.message}: ${input.user ?? input.email} to group "${input.group}"`);
    throw error;
  }
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

export const listEmailSuppressions = async () => ({ suppressions: await listSuppressions() });

export async function addEmailSuppression(input: { email?: string }) {
  if (!input.email || !EMAIL.test(input.email)) throw new AdminError('--email is required');
  const suppression = { email: input.email.toLowerCase(), reason: 'MANUAL' as const, since: new Date().toISOString() };
  await putSuppression(suppression);
  return suppression;
}

export async function clearEmailSuppression(input: { email?: string }) {
  if (!input.email) throw new AdminError('--email is required');
  if (!(await clearSuppression(input.email))) throw new AdminError(`"${input.email}" is not suppressed`);
  return { cleared: input.email.toLowerCase() };
}

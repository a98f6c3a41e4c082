/**
 * QuranReflect's operator commands (`npm run admin -- …`): API clients (x-client-id), groups and
 * their private links, invitations. Each returns the JSON object the CLI prints, or throws an
 * AdminError.
 */
import { AdminError, type AdminCommandSet, flag, requireUser, text, texts } from '../../../admin/command';
import { isServiceError } from '../../errors';
import { createApiClient } from '../../store/api-clients';
import { createGroup, listInvitations as listGroupInvitations, rotatePrivateLink } from './domain/groups';
import { invitationRevoked } from './domain/invitation-events';
import { resendInvitation as resend } from './domain/resend-invitation';
import { getGroup, listGroupMembers } from './store/groups';
import { deleteInvitation } from './store/invitations';
import { invitationKey } from './store/items';

const GROUP_URL = /^[A-Za-z0-9._-]{1,50}$/;

export async function addClient(input: { name?: string }) {
  if (!input.name) throw new AdminError('--name is required');
  return createApiClient(input.name);
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

export async function listInvitations(input: { group?: string }) {
  if (!input.group) throw new AdminError('--group is required');
  if (!(await getGroup(input.group))) throw new AdminError(`No group "${input.group}"`);
  return { groupId: input.group, invitations: await listGroupInvitations(input.group) };
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

export const admin: AdminCommandSet = {
  options: {
    name: { type: 'string' },
    admin: { type: 'string' },
    member: { type: 'string', multiple: true },
    url: { type: 'string' },
    description: { type: 'string' },
    public: { type: 'boolean' },
    group: { type: 'string' },
    user: { type: 'string' },
    email: { type: 'string' },
  },
  commands: [
    { words: 'client add', usage: '--name N', run: (v) => addClient({ name: text(v, 'name') }) },
    {
      words: 'group add',
      usage: '--name N --admin U [--member U]... [--url URL] [--description D] [--public]',
      run: (v) =>
        addGroup({
          name: text(v, 'name'),
          admin: text(v, 'admin'),
          members: texts(v, 'member'),
          url: text(v, 'url'),
          description: text(v, 'description'),
          isPublic: flag(v, 'public'),
        }),
    },
    { words: 'group show', usage: '--group <id>', run: (v) => showGroup({ group: text(v, 'group') }) },
    { words: 'group rotate-link', usage: '--group <id>', run: (v) => rotateGroupLink({ group: text(v, 'group') }) },
    { words: 'invitation list', usage: '--group <id>', run: (v) => listInvitations({ group: text(v, 'group') }) },
    {
      words: 'invitation revoke',
      usage: '--group <id> (--user U | --email E)',
      run: (v) => revokeInvitation({ group: text(v, 'group'), user: text(v, 'user'), email: text(v, 'email') }),
    },
    {
      words: 'invitation resend',
      usage: '--group <id> (--user U | --email E)',
      run: (v) => resendInvitation({ group: text(v, 'group'), user: text(v, 'user'), email: text(v, 'email') }),
    },
  ],
};

/** Berty's operator command (`npm run admin -- berty-group add`): a multi-member group for existing users. */
import { AdminError, type AdminCommandSet, requireUser, texts } from '../../../admin/command';
import { createBertyGroup } from './domain/multi-member-groups';

export async function addBertyGroup(input: { members?: string[] }) {
  if (!input.members?.length) throw new AdminError('at least one --member is required (the first is the creator)');
  const members = await Promise.all(input.members.map(requireUser));
  return { group_pk: (await createBertyGroup(members)).toString('base64') };
}

export const admin: AdminCommandSet = {
  options: { member: { type: 'string', multiple: true } },
  commands: [{ words: 'berty-group add', usage: '--member U [--member U]...', run: (v) => addBertyGroup({ members: texts(v, 'member') }) }],
};

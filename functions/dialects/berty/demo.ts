/** Berty demo data: a multi-member group (admin created it, alice is a member) and its invitation. */
import { createBertyGroup, createInvitation } from './domain/multi-member-groups';
import { listBertyGroupsOfUser } from './store/berty-groups';
import type { DemoUsers } from '../../../demo/demo-data';

export async function seed({ admin, alice }: DemoUsers) {
  const groupPk = (await listBertyGroupsOfUser(admin._id))[0] ?? (await createBertyGroup([admin, alice]));
  const { group } = await createInvitation(admin, groupPk);
  return {
    placeholders: { bertyGroupPk: group.public_key, bertyGroupSecret: group.secret, bertyGroupSecretSig: group.secret_sig },
    summary: [`Demo Berty group: group_pk=${group.public_key} (members admin, alice)`],
  };
}

/**
 * QuranReflect demo data: the API client `demo-client`; group 1 (private, owner admin, members
 * alice and erin) with pending invitations for bob (to accept), carol (to reject) and
 * guest@example.com (the admin CLI's resend and revoke), new tokens every start; a public group
 * (owner admin, members alice and bob).
 */
import { createGroup } from './domain/groups';
import { invitationLinks } from './domain/events';
import { inviteUserToGroup } from './domain/invite-user';
import { hashToken } from '../../lib/ids';
import { apiClientExists, createApiClient } from '../../store/api-clients';
import { readRoom } from './store/group-reads';
import { findGroupIdByUrl, getGroup } from './store/groups';
import type { DemoUsers } from '../../../demo/demo-data';

/** A fixed id, so the demo client survives restarts with --data-dir. */
const DEMO_CLIENT_ID = 'demo-client';

const DEMO_GUEST_EMAIL = 'guest@example.com';

export async function seed({ admin, alice, bob, carol, erin }: DemoUsers) {
  if (!(await apiClientExists(DEMO_CLIENT_ID))) await createApiClient('demo', DEMO_CLIENT_ID);
  // Found by its url (on a new table it is the first group: id "1").
  const demoGroupId = await findGroupIdByUrl('demo-group');
  const group =
    (demoGroupId ? await getGroup(demoGroupId) : undefined) ??
    (await createGroup({ name: 'Demo group', url: 'demo-group', admin, members: [alice, erin] }));
  const publicGroupId =
    (await findGroupIdByUrl('open-circle')) ??
    (await createGroup({ name: 'Open circle', url: 'open-circle', isPublic: true, admin, members: [alice, bob] })).id;
  const placeholders: Record<string, string> = {
    clientId: DEMO_CLIENT_ID,
    groupId: group.id,
    groupUrl: group.url ?? '',
    groupPrivateToken: group.privateToken ?? '',
    publicGroupId,
  };
  const summary = [
    `Demo group: "${group.name}" id=${group.id} url=${group.url} (private; owner admin, members alice, erin); API client id: ${DEMO_CLIENT_ID}`,
    `Demo public group: id=${publicGroupId} url=open-circle (owner admin, members alice, bob)`,
  ];
  // bob's invitation (to accept) and carol's (to reject), renewed on every start; a token is only in its event.
  for (const invitee of [bob, carol]) {
    const { callerMembership } = await readRoom({ groupId: group.id, caller: invitee });
    if (callerMembership) continue;
    const { token } = await inviteUserToGroup(admin, { groupId: group.id, userId: invitee.userId });
    placeholders[`${invitee.username}InvitationToken`] = token;
    const acceptUrl = invitationLinks(process.env.PUBLIC_BASE_URL ?? '', group.id, token).acceptUrl;
    summary.push(
      `Pending invitation of ${invitee.username} to group ${group.id} (token hash ${hashToken(token).slice(0, 12)}…): ${acceptUrl}`,
    );
  }
  // An e-mail invitation for the operator's examples (admin CLI: invitation resend, revoke).
  await inviteUserToGroup(admin, { groupId: group.id, email: DEMO_GUEST_EMAIL });
  placeholders.guestEmail = DEMO_GUEST_EMAIL;
  summary.push(`Pending invitation of ${DEMO_GUEST_EMAIL} to group ${group.id} (for the admin CLI's resend and revoke)`);
  return { placeholders, summary };
}

/** Demo data for `npm start`: created once per table, fresh tokens on every start. */
import { createInvitation, type GroupMessage } from '../functions/domain/berty/multi-member-groups';
import { alwaysAdmitted } from '../functions/middleware/rate-limit';
import { apiClientExists, createApiClient } from '../functions/store/api-clients';
import { createBertyGroup, listBertyGroupsOfUser } from '../functions/store/berty-groups';
import { createGroup, getGroup, type Group } from '../functions/store/groups';
import { createToken } from '../functions/store/tokens';
import { createRoom, findRoomIdByName, getRoom, type Room } from '../functions/store/rooms';
import { createUser, findUserRefByUsername, getUser, type User } from '../functions/store/users';

export interface DemoData {
  users: Record<'admin' | 'alice' | 'bob', { user: User; authToken: string }>;
  channel: Room;
  group: Group;
  clientId: string;
  /** A Berty multi-member group whose first member is admin. */
  bertyGroup: GroupMessage;
}

/** A fixed id, so the demo client survives restarts with --data-dir. */
const DEMO_CLIENT_ID = 'demo-client';

async function ensureUser(username: string, roles: string[], email: string): Promise<User> {
  const existing = await findUserRefByUsername(username);
  if (existing) return (await getUser(existing._id))!;
  return createUser({ username, email, name: username[0]!.toUpperCase() + username.slice(1), roles });
}

export async function seedDemoData(): Promise<DemoData> {
  const admin = await ensureUser('admin', ['admin'], 'admin@example.com');
  const alice = await ensureUser('alice', ['user'], 'alice@example.com');
  const bob = await ensureUser('bob', ['user'], 'bob@example.com');
  const channelId = await findRoomIdByName('general');
  const channel = channelId
    ? (await getRoom(channelId))!
    : await createRoom({ name: 'general', type: 'c', owner: admin, members: [alice] });
  if (!(await apiClientExists(DEMO_CLIENT_ID))) await createApiClient('demo', DEMO_CLIENT_ID);
  // Seeded on a new table, the demo group is the first one: id "1".
  const group = (await getGroup('1')) ?? (await createGroup({ name: 'Demo group', admin, members: [alice] }));
  const bertyGroupPk = (await listBertyGroupsOfUser(admin._id))[0] ?? (await createBertyGroup([admin]));
  const { group: bertyGroup } = await createInvitation(admin, bertyGroupPk, alwaysAdmitted);
  const withToken = async (user: User) => ({ user, authToken: await createToken(user._id) });
  return {
    users: { admin: await withToken(admin), alice: await withToken(alice), bob: await withToken(bob) },
    channel,
    group,
    clientId: DEMO_CLIENT_ID,
    bertyGroup,
  };
}

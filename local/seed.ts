/** Demo data for `npm start`: created once per table, fresh tokens on every start. */
import { createToken } from '../functions/store/tokens';
import { createRoom, findRoomIdByName, getRoom, type Room } from '../functions/store/rooms';
import { createUser, findUserRefByUsername, getUser, type User } from '../functions/store/users';

export interface DemoData {
  users: Record<'admin' | 'alice' | 'bob', { user: User; authToken: string }>;
  channel: Room;
}

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
  const withToken = async (user: User) => ({ user, authToken: await createToken(user._id) });
  return {
    users: { admin: await withToken(admin), alice: await withToken(alice), bob: await withToken(bob) },
    channel,
  };
}

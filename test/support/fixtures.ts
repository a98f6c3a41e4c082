/** Test data built with the same admin commands operators use, with names unique per call. */
import { randomBytes } from 'node:crypto';
import { addToken, addUser } from '../../admin/commands';
import { addChannel } from '../../functions/dialects/rocketchat/admin';
import { addClient, addGroup } from '../../functions/dialects/quranreflect/admin';
import { dialectNamed, type DialectName } from '../../functions/dialects';
import { createToken } from '../../functions/store/tokens';
import { createUsersInBulk } from '../../functions/domain/users';

export const unique = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

export interface TestUser {
  _id: string;
  userId: number;
  username: string;
  email?: string;
  roles: string[];
  authToken: string;
  /** Rocket.Chat auth headers. */
  headers: Record<string, string>;
}

export async function user(options: { roles?: string[]; username?: string; email?: string } = {}): Promise<TestUser> {
  const created = await addUser({ username: options.username ?? unique('user'), roles: options.roles, email: options.email });
  const { authToken } = await addToken({ user: created._id });
  return { ...created, authToken, headers: authHeaders('rocketchat', { _id: created._id, authToken }) };
}

export const admin = () => user({ roles: ['admin'] });

export async function tokenFor(userId: string, ttlSeconds?: number) {
  return createToken(userId, ttlSeconds);
}

export async function channel(options: {
  owner: { _id: string };
  members?: { _id: string }[];
  moderators?: { _id: string }[];
  type?: string;
  archived?: boolean;
  name?: string;
}) {
  return addChannel({
    name: options.name ?? unique('room'),
    owner: options.owner._id,
    members: options.members?.map((member) => member._id),
    moderators: options.moderators?.map((member) => member._id),
    type: options.type,
    archived: options.archived,
  });
}

/** Many users at once with batch writes (DynamoDB Local serves a few hundred requests a second). */
export async function manyUsers(count: number) {
  const prefix = unique('bulk');
  return createUsersInBulk(Array.from({ length: count }, (_, i) => ({ username: `${prefix}-${i}` })));
}

export async function group(options: { admin: { _id: string }; members?: { _id: string }[]; name?: string }) {
  return addGroup({
    name: options.name ?? unique('group'),
    admin: options.admin._id,
    members: options.members?.map((member) => member._id),
  });
}

/** A registered API client id (QuranReflect's x-client-id). */
export async function clientId() {
  return (await addClient({ name: unique('client') })).clientId;
}

/** A user's credential headers as a dialect carries them (the dialect module says how). */
export const authHeaders = (dialect: DialectName, user: Pick<TestUser, '_id' | 'authToken'>, clientId?: string) =>
  dialectNamed(dialect).authHeaders({ token: user.authToken, userId: user._id, clientId });

/** QuranReflect auth headers for a user. */
export const quranHeaders = (user: TestUser, client: string) => authHeaders('quranreflect', user, client);

import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ServiceError } from '../errors';
import { randomId } from '../lib/ids';
import { type Item, keyId, putIfAbsent, transactWrite } from './batch';
import { documentClient, tableName } from './client';
import { keys, stripLayout } from './keys';
import { batchPut } from './batch-write';
import { claimEmailInvitations } from './invitations';

export interface User {
  _id: string;
  /** QuranReflect-style integer id. */
  userId: number;
  username: string;
  email?: string;
  name?: string;
  roles: string[];
  active: boolean;
  createdAt: string;
}

/** What an invite needs to know of an invitee; guards carry this (and the integer `userId`). */
export type UserRef = Pick<User, '_id' | 'username'>;

export interface NewUser {
  username: string;
  email?: string;
  name?: string;
  roles?: string[];
}

const toUser = (item: Item): User => stripLayout(item) as unknown as User;

async function nextNumber(counterKey: { pk: string; sk: string }, count = 1): Promise<number> {
  const result = await documentClient.send(
    new UpdateCommand({
      TableName: tableName,
      Key: counterKey,
      UpdateExpression: 'ADD #value :count',
      ExpressionAttributeNames: { '#value': 'value' },
      ExpressionAttributeValues: { ':count': count },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(result.Attributes?.value);
}

export const nextUserNumber = (count = 1) => nextNumber(keys.userNumberCounter(), count);
export const nextGroupNumber = () => nextNumber(keys.groupNumberCounter());

function userItems(user: User): Item[] {
  // Guards carry what a lookup by username, e-mail or number needs, so it is one read.
  const ref = { _id: user._id, username: user.username, userId: user.userId };
  return [
    { ...keys.user(user._id), ...user },
    { ...keys.username(user.username), ...ref },
    { ...keys.userNumber(user.userId), ...ref },
    ...(user.email ? [{ ...keys.userEmail(user.email), ...ref }] : []),
  ];
}

function buildUser(input: NewUser, userId: number): User {
  return {
    _id: randomId(),
    userId,
    username: input.username,
    ...(input.email ? { email: input.email } : {}),
    ...(input.name ? { name: input.name } : {}),
    roles: input.roles?.length ? [...new Set(input.roles)] : ['user'],
    active: true,
    createdAt: new Date().toISOString(),
  };
}

/** Creates a user; username, e-mail and integer id are unique (all-or-nothing transaction). */
export async function createUser(input: NewUser): Promise<User> {
  const user = buildUser(input, await nextUserNumber());
  const items = userItems(user);
  const outcome = await transactWrite(items.map(putIfAbsent));
  if (!outcome.committed) {
    const failed = items.filter((_, i) => outcome.reasons[i] === 'ConditionalCheckFailed').map((item) => item.sk);
    if (failed.includes('USERNAME')) throw new ServiceError('conflict', `Username "${user.username}" is already in use`);
    if (failed.includes('EMAIL')) throw new ServiceError('conflict', `E-mail "${user.email}" is already in use`);
    throw new ServiceError('unavailable', 'Could not create the user, try again');
  }
  // Invitations sent to this e-mail before the account existed become the user's.
  await claimEmailInvitations(user);
  return user;
}

/**
 * Fixture loader for tests and benchmarks: many users with BatchWriteItem (25 items a call).
 * Not conditional, so callers must pass unique usernames.
 */
export async function createUsersInBulk(inputs: NewUser[]): Promise<User[]> {
  const last = await nextUserNumber(inputs.length);
  const users = inputs.map((input, i) => buildUser(input, last - inputs.length + 1 + i));
  await batchPut(users.flatMap(userItems));
  return users;
}

export async function getUser(id: string): Promise<User | undefined> {
  const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.user(id) }));
  return result.Item ? toUser(result.Item) : undefined;
}

async function getRef(key: { pk: string; sk: string }): Promise<UserRef | undefined> {
  const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: key }));
  return result.Item ? { _id: String(result.Item._id), username: String(result.Item.username) } : undefined;
}

export const findUserRefByUsername = (username: string) => getRef(keys.username(username));
export const findUserRefByEmail = (email: string) => getRef(keys.userEmail(email));

/** Finds a user by `_id` or, failing that, by username (admin CLI convenience). */
export async function findUser(idOrUsername: string): Promise<User | undefined> {
  const byId = await getUser(idOrUsername);
  if (byId) return byId;
  const ref = await findUserRefByUsername(idOrUsername.replace(/^@/, ''));
  return ref ? getUser(ref._id) : undefined;
}

/** Keys that resolve invitees: user items for ids, username guards for names (case-insensitive). */
export const userRefKeys = (ids: string[], usernames: string[]) => [
  ...ids.map(keys.user),
  ...usernames.map(keys.username),
];

/** Reads back the user refs that `userRefKeys` asked for, dropping the unknown ones, de-duplicated by `_id`. */
export function pickUserRefs(items: Map<string, Item>, ids: string[], usernames: string[]): UserRef[] {
  const refs = new Map<string, UserRef>();
  for (const key of userRefKeys(ids, usernames)) {
    const item = items.get(keyId(key));
    if (item && item.active !== false) refs.set(String(item._id), { _id: String(item._id), username: String(item.username) });
  }
  return [...refs.values()];
}


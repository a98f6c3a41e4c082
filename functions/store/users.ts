/** Users, their uniqueness guards and the counter of integer user ids. */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { NumberedUserRef, User, UserRef } from '../model';
import { deleteIfPresent, type Item, keyId, putIfAbsent, type TransactItem, transactWrite } from './batch';
import { batchPut } from './batch-write';
import { documentClient, tableName } from './client';
import { nextNumber } from './counters';
import { invitationCodec, invitationKey, type StoredInvitation } from '../dialects/quranreflect/store/entities/invitation';
import { userCodec, userGuardCodec } from './items';
import { keys } from './keys';
import type { TableKey } from './table-schema';

/** Reserves `count` integer user ids; returns the last one. */
export const nextUserNumber = (count = 1) => nextNumber(keys.userNumberCounter(), count);

const userItems = (user: User): Item[] => [userCodec.encode(user), ...userGuardCodec.encode(user)];

export type InsertUserOutcome = 'created' | 'id-taken' | 'username-taken' | 'email-taken' | 'invitation-changed' | 'contention';

/**
 * Creates a user (item and unique username, e-mail and integer id guards) and, in the same
 * transaction, moves each given e-mail invitation to its `claimed` replacement: all or nothing.
 */
export async function insertUser(user: User, claims: { from: StoredInvitation; to: StoredInvitation }[] = []): Promise<InsertUserOutcome> {
  const items = userItems(user);
  const claimActions: TransactItem[] = claims.flatMap(({ from, to }) => [
    deleteIfPresent(invitationKey(from)),
    putIfAbsent(invitationCodec.encode(to)),
  ]);
  const outcome = await transactWrite([...items.map(putIfAbsent), ...claimActions]);
  if (outcome.committed) return 'created';
  const failed = (i: number) => outcome.reasons[i] === 'ConditionalCheckFailed';
  // The user item first: an account with this _id (one made on first sight of an identity) exists.
  if (failed(0)) return 'id-taken';
  if (items.some((item, i) => item.sk === 'USERNAME' && failed(i))) return 'username-taken';
  if (items.some((item, i) => item.sk === 'EMAIL' && failed(i))) return 'email-taken';
  if (claimActions.some((_, i) => failed(items.length + i))) return 'invitation-changed';
  return 'contention';
}

/** Fixture and seed loader: many users with BatchWriteItem, unconditionally (usernames must be unique). */
export const putUsersInBulk = (users: User[]) => batchPut(users.flatMap(userItems));

export async function getUser(id: string): Promise<User | undefined> {
  const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.user(id) }));
  return result.Item ? userCodec.decode(result.Item) : undefined;
}

/** The user a uniqueness guard points at. */
async function readGuard(key: TableKey): Promise<NumberedUserRef | undefined> {
  const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: key }));
  return result.Item ? userGuardCodec.decode(result.Item) : undefined;
}

const refOf = (guard: NumberedUserRef | undefined): UserRef | undefined => guard && { _id: guard._id, username: guard.username };

export const findUserRefByUsername = async (username: string) => refOf(await readGuard(keys.username(username)));
export const findUserRefByEmail = async (email: string) => refOf(await readGuard(keys.userEmail(email)));

/** The user behind an integer id (QuranReflect's `userId`), through its guard. */
export const findUserByNumber = (userId: number) => readGuard(keys.userNumber(userId));

/** Finds a user by `_id` or, failing that, by username (admin CLI convenience). */
export async function findUser(idOrUsername: string): Promise<User | undefined> {
  const byId = await getUser(idOrUsername);
  if (byId) return byId;
  const ref = await findUserRefByUsername(idOrUsername.replace(/^@/, ''));
  return ref ? getUser(ref._id) : undefined;
}

/** Keys that resolve invitees: user items for ids, username guards for names (case-insensitive). */
export const userRefKeys = (ids: string[], usernames: string[]) => [...ids.map(keys.user), ...usernames.map(keys.username)];

/** A user read by `_id` (an active one only) or a username guard, from a batch read. */
export interface UserLookup {
  byId: Map<string, UserRef>;
  byUsername: Map<string, UserRef>;
}

/** What `userRefKeys` found: active users by id, guards by lower-cased username. */
export function pickUserRefs(items: Map<string, Item>, ids: string[], usernames: string[]): UserLookup {
  const byId = new Map<string, UserRef>();
  const byUsername = new Map<string, UserRef>();
  for (const id of ids) {
    const item = items.get(keyId(keys.user(id)));
    if (!item) continue;
    const user = userCodec.decode(item);
    if (user.active) byId.set(id, { _id: user._id, username: user.username });
  }
  for (const username of usernames) {
    const item = items.get(keyId(keys.username(username)));
    if (item) {
      const guard = userGuardCodec.decode(item);
      byUsername.set(username.toLowerCase(), { _id: guard._id, username: guard.username });
    }
  }
  return { byId, byUsername };
}

/** Disables or enables an account: a disabled one is refused whatever its credentials. */
export async function setUserActive(userId: string, active: boolean): Promise<boolean> {
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.user(userId),
        UpdateExpression: 'SET active = :active',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':active': active },
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** The store against DynamoDB Local: uniqueness under races, batching past the service limits. */
import { describe, expect, test } from 'vitest';
import { addUsersToRoom, createRoom, removeRoomMember } from '../../functions/dialects/rocketchat/domain/rooms';
import { createUser } from '../../functions/domain/users';
import { listRoomMembers, listRoomMessages, getRoom } from '../../functions/dialects/rocketchat/store/rocketchat-rooms';
import { findUserRefByEmail, findUserRefByUsername, getUser } from '../../functions/store/users';
import { batchGet } from '../../functions/store/batch';
import { keys } from '../../functions/store/keys';
import { createToken, findUserByToken } from '../../functions/store/tokens';
import { hashToken } from '../../functions/lib/ids';
import { GetCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../functions/store/client';
import * as fixtures from '../support/fixtures';

describe('users', () => {
  test('10 concurrent creations of one username: exactly one wins, the others get a conflict', async () => {
    const username = fixtures.unique('Race');
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => createUser({ username })));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const lost of results.filter((r) => r.status === 'rejected')) {
      expect((lost as PromiseRejectedResult).reason).toMatchObject({
        kind: 'conflict',
        message: `Username "${username}" is already in use`,
      });
    }
    // Case-insensitive: the same name in other case is taken too.
    await expect(createUser({ username: username.toLowerCase() })).rejects.toMatchObject({ kind: 'conflict' });
  });

  test('e-mail is unique (case-insensitive) and a failed creation leaves nothing behind', async () => {
    const email = `${fixtures.unique('mail')}@example.com`;
    const first = await createUser({ username: fixtures.unique('a'), email });
    const loserName = fixtures.unique('b');
    await expect(createUser({ username: loserName, email: email.toUpperCase() })).rejects.toMatchObject({ kind: 'conflict' });
    expect(await findUserRefByUsername(loserName)).toBeUndefined();
    expect(await findUserRefByEmail(email)).toEqual({ _id: first._id, username: first.username });
  });

  test('integer user ids are unique and increasing', async () => {
    const users = await Promise.all(Array.from({ length: 5 }, () => createUser({ username: fixtures.unique('n') })));
    expect(new Set(users.map((u) => u.userId)).size).toBe(5);
    expect((await getUser(users[0]!._id))?.userId).toBe(users[0]!.userId);
  });
});

describe('tokens', () => {
  test('only the SHA-256 hash is stored', async () => {
    const user = await createUser({ username: fixtures.unique('t') });
    const token = await createToken(user._id);
    const stored = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.token(hashToken(token)) }));
    expect(stored.Item).toMatchObject({ userId: user._id });
    expect(JSON.stringify(stored.Item)).not.toContain(token);
    expect((await findUserByToken(token))?._id).toBe(user._id);
    expect(await findUserByToken(token, 'someone-else')).toBeUndefined();
  });
});

describe('batched reads', () => {
  test('more than 100 keys are read in chunks, duplicates collapsed', async () => {
    const users = await fixtures.manyUsers(250);
    const requested = [...users, ...users.slice(0, 20)].map((u) => keys.user(u._id));
    const found = await batchGet([...requested, keys.user('missing')]);
    expect(found.size).toBe(250);
  });
});

describe('addUsersToRoom', () => {
  test('the same users added by 10 racing callers: one membership and one message each, counters exact', async () => {
    const owner = await createUser({ username: fixtures.unique('owner') });
    const room = await createRoom({ name: fixtures.unique('race'), type: 'c', owner });
    const users = await fixtures.manyUsers(60);
    const refs = users.map((u) => ({ _id: u._id, username: u.username }));
    const results = await Promise.all(Array.from({ length: 10 }, () => addUsersToRoom(room._id, owner, refs)));
    const addedTotal = results.reduce((sum, r) => sum + r.added.length, 0);
    expect(addedTotal).toBe(60);
    const after = await getRoom(room._id);
    expect(after).toMatchObject({ usersCount: 61, msgs: 60 });
    expect(await listRoomMembers(room._id)).toHaveLength(61);
    expect(await listRoomMessages(room._id)).toHaveLength(60);
  }, 60_000);

  test('1,000 users: 21 transactions at once whose items are all distinct (one counter shard each)', async () => {
    const owner = await createUser({ username: fixtures.unique('owner') });
    const room = await createRoom({ name: fixtures.unique('shards'), type: 'c', owner });
    const users = await fixtures.manyUsers(1000);
    const sent: TransactWriteCommandInput[] = [];
    documentClient.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'TransactWriteItemsCommand') sent.push(args.input as TransactWriteCommandInput);
        return next(args);
      },
      { step: 'initialize', name: 'transactionInputs' },
    );
    try {
      const { added } = await addUsersToRoom(room._id, owner, users);
      expect(added).toHaveLength(1000);
    } finally {
      documentClient.middlewareStack.remove('transactionInputs');
    }
    expect(sent).toHaveLength(21);
    const touched = sent.flatMap((input) =>
      input.TransactItems!.map((action) => {
        const key = action.Put?.Item ?? action.Update?.Key ?? action.Delete?.Key ?? action.ConditionCheck?.Key;
        return `${key!.pk} ${key!.sk}`;
      }),
    );
    expect(new Set(touched).size).toBe(touched.length); // no item in two of them
    expect(touched.filter((key) => key === `ROOM#${room._id} ROOM`)).toEqual([]); // nor the room item
    expect(touched.filter((key) => key.includes(' ROOM#COUNTER#'))).toHaveLength(21);
    expect(await getRoom(room._id)).toMatchObject({ usersCount: 1001, msgs: 1000 });
  }, 60_000);

  test('counts are the room item plus its shards: additions and removals racing stay exact', async () => {
    const owner = await createUser({ username: fixtures.unique('owner') });
    const first = await fixtures.manyUsers(40);
    const room = await createRoom({ name: fixtures.unique('mixed'), type: 'c', owner, members: first.slice(0, 20) });
    const later = await fixtures.manyUsers(30);
    await Promise.all([
      ...later.map((user) => addUsersToRoom(room._id, owner, [user])),
      ...first.slice(0, 10).map((user) => removeRoomMember(room._id, user._id)),
    ]);
    const after = (await getRoom(room._id))!;
    expect(after).toMatchObject({ usersCount: 1 + 20 + 30 - 10, msgs: 30 });
    expect(await listRoomMembers(room._id)).toHaveLength(after.usersCount);
    expect(after.lm! >= room.ts).toBe(true);
  }, 60_000);
});

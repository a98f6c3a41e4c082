/** A transaction lost to contention is retried until it commits (aws-sdk-client-mock injects the conflicts). */
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, expect, test } from 'vitest';
import { documentClient } from '../../functions/store/client';
import { addUsersToRoom, createRoom } from '../../functions/dialects/rocketchat/domain/rooms';
import { createUser } from '../../functions/domain/users';
import { getRoom } from '../../functions/dialects/rocketchat/store/rocketchat-rooms';
import { unique } from '../support/fixtures';

const clientMock = mockClient(documentClient);
clientMock.send.callThrough();
afterEach(() => {
  clientMock.reset();
  clientMock.send.callThrough();
});

test('two TransactionConflict cancellations, then the real write: one invite, counted once', async () => {
  const owner = await createUser({ username: unique('owner') });
  const invitee = await createUser({ username: unique('invitee') });
  const room = await createRoom({ name: unique('busy'), type: 'c', owner });
  const conflict = Object.assign(new Error('conflict'), {
    name: 'TransactionCanceledException',
    CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }, { Code: 'None' }],
  });
  let calls = 0;
  clientMock.on(TransactWriteCommand).callsFake(async (input) => {
    calls += 1;
    if (calls <= 2) throw conflict;
    clientMock.reset();
    clientMock.send.callThrough();
    return documentClient.send(new TransactWriteCommand(input));
  });
  const result = await addUsersToRoom(room._id, owner, [invitee]);
  expect(result.added).toEqual([invitee._id]);
  expect(calls).toBe(3);
  expect(await getRoom(room._id)).toMatchObject({ usersCount: 2, msgs: 1 });
});

test('a transaction cancelled for another reason is a bad gateway, not retried forever', async () => {
  const owner = await createUser({ username: unique('owner') });
  const room = await createRoom({ name: unique('odd'), type: 'c', owner });
  const invitee = await createUser({ username: unique('invitee') });
  const before = clientMock.commandCalls(TransactWriteCommand).length;
  clientMock.on(TransactWriteCommand).rejects(
    Object.assign(new Error('cancelled'), {
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'ValidationError' }, { Code: 'None' }, { Code: 'None' }],
    }),
  );
  await expect(addUsersToRoom(room._id, owner, [invitee])).rejects.toMatchObject({ kind: 'bad_gateway' });
  expect(clientMock.commandCalls(TransactWriteCommand).length - before).toBe(1);
});

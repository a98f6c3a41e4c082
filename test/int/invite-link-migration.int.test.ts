/**
 * Moving a pre-split invite link (invite-links migrate) while it is used, against DynamoDB Local,
 * with the interleavings forced (aws-sdk-client-mock runs the other side at the exact moment): no
 * use is lost or counted twice, and the user who raced the move still joins.
 */
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, expect, test } from 'vitest';
import { useInviteToken } from '../../functions/dialects/rocketchat/domain/invite-links';
import { migrateClearLinks } from '../../functions/dialects/rocketchat/domain/link-migration';
import { createRoom } from '../../functions/dialects/rocketchat/domain/rooms';
import { getInviteLinkByToken, moveClearLink } from '../../functions/dialects/rocketchat/store/invite-links';
import { getRoom, getRoomMember } from '../../functions/dialects/rocketchat/store/rocketchat-rooms';
import { createUser } from '../../functions/domain/users';
import { documentClient } from '../../functions/store/client';
import { unique } from '../support/fixtures';
import { putPreSplitLink } from '../support/pre-split-links';

/** The client's own send, taken before the mock replaces it: transactions let through skip the mock. */
const realSend = documentClient.send.bind(documentClient) as (command: TransactWriteCommand) => Promise<unknown>;
const clientMock = mockClient(documentClient);
clientMock.send.callThrough();
afterEach(() => {
  clientMock.reset();
  clientMock.send.callThrough();
});

async function roomWithPreSplitLink() {
  const owner = await createUser({ username: unique('owner') });
  const room = await createRoom({ name: unique('moving'), type: 'c', owner });
  const token = await putPreSplitLink(room, owner._id, { days: 0, maxUses: 5, expires: null });
  const clear = (await getInviteLinkByToken(token))!;
  expect(clear.style).toBe('clear');
  // Only this link: the table holds other tests' links too.
  const onlyThis = { listInviteLinks: async () => [clear], moveClearLink };
  return { room, token, onlyThis };
}

test('a use lands between the move marking the old link and moving it: the move starts again from the new count; the use is kept', async () => {
  const { room, token, onlyThis } = await roomWithPreSplitLink();
  const joiner = await createUser({ username: unique('joiner') });
  // The move's transaction (delete the marked old item, put the new) waits for a use of the old link first.
  let transactions = 0;
  clientMock.on(TransactWriteCommand).callsFake(async (input: TransactWriteCommandInput) => {
    const isMove = (input.TransactItems ?? []).some((action) => action.Delete?.Key?.sk === `INVITE#${token}`);
    if (isMove && transactions++ === 0) {
      await useInviteToken(joiner, token); // counts a use on the old, marked item
    }
    return realSend(new TransactWriteCommand(input));
  });
  const outcome = await migrateClearLinks({ legacyDays: 90 }, onlyThis);
  expect(outcome).toMatchObject({ moved: 1, left: 0 });
  const moved = (await getInviteLinkByToken(token))!;
  expect(moved).toMatchObject({ style: 'legacy', uses: 1 });
  expect(await getRoomMember(room._id, joiner._id)).toBeDefined();
  expect((await getRoom(room._id))!.usersCount).toBe(2);
});

test('a use reads the old link, the move completes, then its join runs: refused at the old place, it joins at the new one, counted once', async () => {
  const { room, token, onlyThis } = await roomWithPreSplitLink();
  const joiner = await createUser({ username: unique('joiner') });
  // The join's transaction (an Update of the old link's item) waits for the whole move first.
  let joins = 0;
  clientMock.on(TransactWriteCommand).callsFake(async (input: TransactWriteCommandInput) => {
    const isJoin = (input.TransactItems ?? []).some(
      (action) => action.Update?.Key?.sk === `INVITE#${token}` && action.Update.UpdateExpression?.startsWith('ADD uses'),
    );
    if (isJoin && joins++ === 0) {
      expect(await migrateClearLinks({ legacyDays: 90 }, onlyThis)).toMatchObject({ moved: 1 });
    }
    return realSend(new TransactWriteCommand(input));
  });
  expect(await useInviteToken(joiner, token)).toMatchObject({ room: { rid: room._id } });
  expect(joins).toBe(1);
  expect(await getInviteLinkByToken(token)).toMatchObject({ style: 'legacy', uses: 1 });
  expect(await getRoomMember(room._id, joiner._id)).toBeDefined();
  expect((await getRoom(room._id))!.usersCount).toBe(2);
});

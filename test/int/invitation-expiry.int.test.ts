/** Invitation lifetime is configurable (INVITATION_TTL_DAYS) and lands in the table's TTL attribute. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, expect, test } from 'vitest';
import { getUser } from '../../functions/store/users';
import { inviteUserToGroup } from '../../functions/dialects/quranreflect/domain/invite-user';
import { documentClient, tableName } from '../../functions/store/client';
import { keys } from '../support/table-keys';
import { tableSchema } from '../../functions/store/table-schema';
import * as fixtures from '../support/fixtures';

afterEach(() => {
  delete process.env.INVITATION_TTL_DAYS;
});

test.each([
  ['1', 86_400],
  ['30', 30 * 86_400],
  [undefined, 7 * 86_400],
])('INVITATION_TTL_DAYS=%s → expires after %i s', async (days, seconds) => {
  if (days) process.env.INVITATION_TTL_DAYS = days;
  const admin = await fixtures.user();
  const group = await fixtures.group({ admin });
  const email = `${fixtures.unique('ttl')}@example.com`;
  const now = Math.floor(Date.now() / 1000);
  await inviteUserToGroup((await getUser(admin._id))!, { groupId: group.id, email });
  const stored = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.groupInvitationForEmail(group.id, email) }));
  const expiresAt = Number(stored.Item?.[tableSchema.ttlAttribute]);
  expect(Math.abs(expiresAt - (now + seconds))).toBeLessThanOrEqual(5);
});

test('an expired invitation that TTL has not removed yet is replaced, not renewed', async () => {
  const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
  const { listInvitations: listGroupInvitations } = await import('../../functions/dialects/quranreflect/domain/groups');
  const first = await fixtures.user();
  const second = await fixtures.user();
  const group = await fixtures.group({ admin: first });
  const { addGroupAdmin } = await import('../support/group-admin');
  await addGroupAdmin(group.id, second);
  const email = `${fixtures.unique('expired')}@example.com`;
  await inviteUserToGroup((await getUser(first._id))!, { groupId: group.id, email });
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.groupInvitationForEmail(group.id, email),
      UpdateExpression: 'SET #e = :past',
      ExpressionAttributeNames: { '#e': tableSchema.ttlAttribute },
      ExpressionAttributeValues: { ':past': Math.floor(Date.now() / 1000) - 10 },
    }),
  );
  expect((await listGroupInvitations(group.id))[0]).toMatchObject({ status: 'expired', invitesSent: 1 });

  await inviteUserToGroup((await getUser(second._id))!, { groupId: group.id, email });
  const [renewed] = await listGroupInvitations(group.id);
  expect(renewed).toMatchObject({
    status: 'pending',
    invitesSent: 1,
    invitedBy: { _id: second._id },
    lastInvitedBy: { _id: second._id },
  });
  expect(renewed!.createdAt).toBe(renewed!.lastInvitedAt);
});

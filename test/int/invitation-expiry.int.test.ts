/** Invitation lifetime is configurable (INVITATION_TTL_DAYS) and lands in the table's TTL attribute. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, expect, test } from 'vitest';
import { getUser } from '../../functions/store/users';
import { inviteUserToGroup } from '../../functions/domain/quranreflect/invite-user';
import { alwaysAdmitted } from '../../functions/middleware/rate-limit';
import { documentClient, tableName } from '../../functions/store/client';
import { keys } from '../../functions/store/keys';
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
  await inviteUserToGroup((await getUser(admin._id))!, { groupId: group.id, email }, alwaysAdmitted);
  const stored = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.groupInvitationForEmail(group.id, email) }),
  );
  const expiresAt = Number(stored.Item?.[tableSchema.ttlAttribute]);
  expect(Math.abs(expiresAt - (now + seconds))).toBeLessThanOrEqual(5);
});

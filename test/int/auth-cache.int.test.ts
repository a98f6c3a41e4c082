/** The per-instance auth cache: hits skip DynamoDB; a revocation takes effect within the TTL. */
import { expect, test } from 'vitest';

process.env.AUTH_CACHE_TTL_MS = '400';
const { dynamoDbClient } = await import('../../functions/store/client');
const { createToken, findUserByToken, revokeToken } = await import('../../functions/store/tokens');
const { createUser } = await import('../../functions/domain/users');
const { recordDynamoDbCalls } = await import('../../local/dynamodb-call-recorder');
const { unique } = await import('../support/fixtures');

const recorder = recordDynamoDbCalls(dynamoDbClient);

test('a cached token costs no round trip, and stops working within the TTL once revoked', async () => {
  const user = await createUser({ username: unique('cache') });
  const token = await createToken(user._id);
  const cold = await recorder.measure(() => findUserByToken(token, user._id));
  expect(cold.result?._id).toBe(user._id);
  expect(cold.summary.calls).toBe(1);
  const warm = await recorder.measure(() => findUserByToken(token, user._id));
  expect(warm.result?._id).toBe(user._id);
  expect(warm.summary.calls).toBe(0);

  await revokeToken(token);
  expect((await findUserByToken(token, user._id))?._id).toBe(user._id); // still cached
  await new Promise((resolve) => setTimeout(resolve, 450));
  expect(await findUserByToken(token, user._id)).toBeUndefined();
});

test('failures are never cached, and a token is never cached past its own expiry', async () => {
  const user = await createUser({ username: unique('cache') });
  expect(await findUserByToken('unknown-token', user._id)).toBeUndefined();
  const shortLived = await createToken(user._id, 1);
  expect((await findUserByToken(shortLived, user._id))?._id).toBe(user._id);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  expect(await findUserByToken(shortLived, user._id)).toBeUndefined();
});

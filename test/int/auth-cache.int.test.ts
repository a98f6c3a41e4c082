/** The per-instance auth cache: hits skip DynamoDB; a revocation takes effect within the TTL (on a set clock). */
import { afterEach, expect, test } from 'vitest';
import { createUser } from '../../functions/domain/users';
import { manualClock } from '../../functions/lib/clock';
import { cachePolicies } from '../../functions/policies';
import { dynamoDbClient } from '../../functions/store/client';
import { createToken, findUserByToken, revokeToken } from '../../functions/store/tokens';
import { recordDynamoDbCalls } from '../../local/dynamodb-call-recorder';
import { unique } from '../support/fixtures';

const recorder = recordDynamoDbCalls(dynamoDbClient);
const ttlMs = cachePolicies.tokens.ttlMs;
let time: ReturnType<typeof manualClock> | undefined;
afterEach(() => time?.restore());

test('a cached token costs no round trip, and stops working within the TTL once revoked', async () => {
  time = manualClock(Date.now());
  const user = await createUser({ username: unique('cache') });
  const token = await createToken(user._id);
  const cold = await recorder.measure(() => findUserByToken(token, user._id));
  expect(cold.result?._id).toBe(user._id);
  expect(cold.summary.calls).toBe(1);
  const warm = await recorder.measure(() => findUserByToken(token, user._id));
  expect(warm.result?._id).toBe(user._id);
  expect(warm.summary.calls).toBe(0);

  await revokeToken(token);
  time.advance(ttlMs - 1);
  expect((await findUserByToken(token, user._id))?._id).toBe(user._id); // still cached
  time.advance(1);
  expect(await findUserByToken(token, user._id)).toBeUndefined();
});

test('failures are never cached, and a token is never cached past its own expiry', async () => {
  time = manualClock(Date.now());
  const user = await createUser({ username: unique('cache') });
  expect(await findUserByToken('unknown-token', user._id)).toBeUndefined();
  const shortLived = await createToken(user._id, 1);
  expect((await findUserByToken(shortLived, user._id))?._id).toBe(user._id);
  time.advance(1_000);
  expect(await findUserByToken(shortLived, user._id)).toBeUndefined();
});

/**
 * The request gate: each request's admission is its own (concurrent requests do not see each
 * other's), the store's writes wait for it and a refused one writes nothing, reads go ahead.
 */
import { describe, expect, test } from 'vitest';
import { ServiceError } from '../../functions/errors';
import { admitted, runInGate, setAdmission } from '../../functions/lib/request-gate';
import { dynamoDbClient } from '../../functions/store/client';
import { getGroup, removeGroupMember } from '../../functions/dialects/quranreflect/store/groups';
import { recordDynamoDbCalls } from '../../local/dynamodb-call-recorder';
import * as fixtures from '../support/fixtures';

const recorder = recordDynamoDbCalls(dynamoDbClient);
const refused = () => Promise.reject(new ServiceError('rate_limited', 'Too many requests'));

describe('request gate', () => {
  test("outside a request there is nothing to wait for; inside, the request's own admission", async () => {
    await expect(admitted()).resolves.toBeUndefined();
    let release!: () => void;
    const slow = new Promise<void>((done) => (release = done));
    const order: string[] = [];
    await Promise.all([
      runInGate(async () => {
        setAdmission(() => slow);
        await admitted();
        order.push('slow admitted');
      }),
      runInGate(async () => {
        setAdmission(async () => undefined);
        await admitted();
        order.push('fast admitted');
        release();
      }),
      runInGate(async () => {
        setAdmission(refused);
        await expect(admitted()).rejects.toMatchObject({ kind: 'rate_limited' });
      }),
    ]);
    expect(order).toEqual(['fast admitted', 'slow admitted']);
    expect(() => setAdmission(refused)).toThrow(/outside a request gate/);
  });

  test('a refused request writes nothing: its reads run, its transaction is never sent', async () => {
    const admin = await fixtures.user();
    const member = await fixtures.user();
    const group = await fixtures.group({ admin, members: [member] });
    const note = { type: 'Member Removed', detail: {} };
    const { summary } = await recorder.measure(() =>
      runInGate(async () => {
        setAdmission(refused);
        expect((await getGroup(group.id))?.membersCount).toBe(2);
        await expect(removeGroupMember(group.id, member._id, note)).rejects.toMatchObject({ kind: 'rate_limited' });
      }),
    );
    expect(Object.keys(summary.byCommand)).toEqual(['GetItem']);
    expect((await getGroup(group.id))?.membersCount).toBe(2);
  });
});

/**
 * Authentication on its own, the token and client reads replaced by in-memory ones (vi.mock):
 * each dialect's refusals, bounds checked before any read, the caller set on success.
 */
import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { User } from '../../functions/model';

const reads = vi.hoisted(() => ({ tokens: new Map<string, User>(), clients: new Set<string>(), calls: 0 }));
vi.mock('../../functions/store/tokens', () => ({
  findUserByToken: async (token: string, claimed?: string) => {
    reads.calls++;
    const user = reads.tokens.get(token);
    return user && (claimed === undefined || claimed === user._id) ? user : undefined;
  },
}));
vi.mock('../../functions/store/api-clients', () => ({
  apiClientExists: async (id: string) => {
    reads.calls++;
    return reads.clients.has(id);
  },
}));

const { authenticate } = await import('../../functions/middleware/authenticate');
const { berty } = await import('../../functions/dialects/berty/dialect');
const { quranReflect } = await import('../../functions/dialects/quranreflect/dialect');
const { rocketChat } = await import('../../functions/dialects/rocketchat/dialect');

const alice: User = { _id: 'A1', userId: 1, username: 'alice', roles: ['user'], active: true, createdAt: '' };
const token = 'A1.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const run = async (dialect: Parameters<typeof authenticate>[0], headers: Record<string, string>) => {
  const request = { event: { headers }, context: {} } as any;
  await authenticate(dialect).before!(request);
  return request.context.caller as User;
};

beforeEach(() => {
  reads.tokens = new Map([[token, alice]]);
  reads.clients = new Set(['demo-client']);
  reads.calls = 0;
});

describe('authenticate', () => {
  test('valid credentials of each dialect set the caller', async () => {
    expect(await run(rocketChat, { 'x-auth-token': token, 'x-user-id': 'A1' })).toBe(alice);
    expect(await run(quranReflect, { 'x-auth-token': token, 'x-client-id': 'demo-client' })).toBe(alice);
    expect(await run(berty, { authorization: `Bearer ${token}` })).toBe(alice);
  });

  test("refusals in each dialect's own kind: missing, unknown, another user's, an unknown client, an inactive user", async () => {
    await expect(run(rocketChat, { 'x-auth-token': token })).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(run(rocketChat, { 'x-auth-token': token, 'x-user-id': 'B2' })).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(run(quranReflect, { 'x-auth-token': token })).rejects.toMatchObject({ kind: 'invalid_request' });
    await expect(run(quranReflect, { 'x-auth-token': token, 'x-client-id': 'other' })).rejects.toMatchObject({ kind: 'forbidden' });
    await expect(run(berty, { authorization: 'Token x' })).rejects.toMatchObject({ kind: 'unauthenticated', code: 'ErrInvalidInput' });
    reads.tokens.set(token, { ...alice, active: false });
    await expect(run(berty, { authorization: `Bearer ${token}` })).rejects.toMatchObject({ kind: 'unauthenticated' });
  });

  test('credentials out of bounds are refused before any read', async () => {
    const long = 'a'.repeat(2100);
    await expect(run(rocketChat, { 'x-auth-token': token, 'x-user-id': long })).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(run(quranReflect, { 'x-auth-token': `${long}.${'b'.repeat(43)}`, 'x-client-id': 'demo-client' })).rejects.toMatchObject({
      kind: 'forbidden',
    });
    await expect(run(quranReflect, { 'x-auth-token': token, 'x-client-id': 'é' })).rejects.toMatchObject({ kind: 'forbidden' });
    expect(reads.calls).toBe(0);
  });
});

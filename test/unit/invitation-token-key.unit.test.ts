/**
 * The token key's loader: a local base64 key, or the deployed Secrets Manager secret read once per
 * instance (the SDK client replaced by vi.mock: there is no Secrets Manager here), a failed read
 * tried again, a key too short refused.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

const secrets = vi.hoisted(() => ({ calls: 0, value: 'k'.repeat(64) as string | undefined, fail: false }));
vi.mock('@aws-sdk/client-secrets-manager', () => ({
  SecretsManagerClient: class {
    async send(command: { input: { SecretId: string } }) {
      secrets.calls++;
      if (secrets.fail) throw new Error('AccessDenied');
      expect(command.input.SecretId).toBe('arn:aws:secretsmanager:eu-west-1:1:secret:key');
      return { SecretString: secrets.value };
    }
  },
  GetSecretValueCommand: class {
    constructor(readonly input: unknown) {}
  },
}));

const load = async () => (await import('../../functions/secrets/invitation-token-key')).invitationTokenKey();

beforeEach(() => {
  vi.resetModules();
  Object.assign(secrets, { calls: 0, value: 'k'.repeat(64), fail: false });
  delete process.env.INVITATION_TOKEN_KEY;
  process.env.INVITATION_TOKEN_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:1:secret:key';
});
afterEach(() => {
  delete process.env.INVITATION_TOKEN_SECRET_ARN;
});

describe('invitationTokenKey', () => {
  test('a local key (base64) wins and no secret is read', async () => {
    process.env.INVITATION_TOKEN_KEY = Buffer.alloc(32, 9).toString('base64');
    expect(await load()).toEqual(Buffer.alloc(32, 9));
    expect(secrets.calls).toBe(0);
  });

  test('deployed: the secret is read once per instance, then served from memory', async () => {
    const { invitationTokenKey } = await import('../../functions/secrets/invitation-token-key');
    const [a, b] = await Promise.all([invitationTokenKey(), invitationTokenKey()]);
    await invitationTokenKey();
    expect(a).toEqual(Buffer.from('k'.repeat(64)));
    expect(b).toBe(a);
    expect(secrets.calls).toBe(1);
  });

  test('a failed read fails this request only: the next one reads again', async () => {
    const { invitationTokenKey } = await import('../../functions/secrets/invitation-token-key');
    secrets.fail = true;
    await expect(invitationTokenKey()).rejects.toThrow('AccessDenied');
    secrets.fail = false;
    await expect(invitationTokenKey()).resolves.toHaveLength(64);
    expect(secrets.calls).toBe(2);
  });

  test('no key anywhere, or one shorter than 32 bytes: refused with what is missing', async () => {
    delete process.env.INVITATION_TOKEN_SECRET_ARN;
    await expect(load()).rejects.toThrow(/Neither INVITATION_TOKEN_KEY nor INVITATION_TOKEN_SECRET_ARN/);
    vi.resetModules();
    process.env.INVITATION_TOKEN_KEY = Buffer.alloc(16).toString('base64');
    await expect(load()).rejects.toThrow(/shorter than 32 bytes/);
  });
});

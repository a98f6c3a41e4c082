/**
 * Berty's multi-member group cryptography (NewGroupMultiMember, Group.IsValid), with node:crypto.
 * The group private key lives only inside `newMultiMemberGroup` and is never returned.
 */
import { createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';

export interface GroupSecrets {
  /** Raw 32-byte Ed25519 public key: the group id (`group_pk`). */
  publicKey: Buffer;
  /** The 32-byte seed of a second, fresh Ed25519 key. */
  secret: Buffer;
  /** The group key's signature of `secret` (64 bytes). */
  secretSig: Buffer;
}

const rawJwk = (key: { export(options: { format: 'jwk' }): { x?: string; d?: string } }, field: 'x' | 'd') =>
  Buffer.from(key.export({ format: 'jwk' })[field]!, 'base64url');

export function newMultiMemberGroup(): GroupSecrets {
  const group = generateKeyPairSync('ed25519');
  const secretKey = generateKeyPairSync('ed25519');
  const secret = rawJwk(secretKey.privateKey, 'd');
  return { publicKey: rawJwk(group.publicKey, 'x'), secret, secretSig: sign(null, secret, group.privateKey) };
}

export type GroupCheck = 'valid' | 'bad-public-key' | 'bad-signature';

/** What a joiner checks: a 32-byte public key whose signature over `secret` verifies. Nothing else. */
export function checkGroup(group: Pick<GroupSecrets, 'publicKey' | 'secret' | 'secretSig'>): GroupCheck {
  if (group.publicKey.length !== 32) return 'bad-public-key';
  try {
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: group.publicKey.toString('base64url') }, format: 'jwk' });
    return verify(null, group.secret, key, group.secretSig) ? 'valid' : 'bad-signature';
  } catch {
    return 'bad-signature';
  }
}

/**
 * Berty's multi-member group cryptography (NewGroupMultiMember, Group.IsValid), with node:crypto.
 * The group private key lives only inside `newMultiMemberGroup` and is never returned.
 *
 * Why DER and never JWK: on Node 20, `KeyObject.export({ format: 'jwk' })` of an Ed25519 key holds
 * the key's mutex while it allocates a string; that allocation can run a garbage collection which
 * destroys the finished `generateKeyPairSync` job of the same key, and the job's destructor takes
 * the same mutex: the thread waits on itself forever (issue 27; native stack `ExportJWKEdKey` →
 * `PerformGarbageCollection` → `~KeyGenJob` → `uv_mutex_lock`). So keys are generated straight
 * into DER (encoded inside the job, while it is alive), no KeyObject of a generated key is ever
 * exported, and raw keys are framed as DER by hand (RFC 8410) instead of read from JWK.
 */
import { generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';

export interface GroupSecrets {
  /** Raw 32-byte Ed25519 public key: the group id (`group_pk`). */
  publicKey: Buffer;
  /** The 32-byte seed of a second, fresh Ed25519 key. */
  secret: Buffer;
  /** The group key's signature of `secret` (64 bytes). */
  secretSig: Buffer;
}

/** SubjectPublicKeyInfo of an Ed25519 key (RFC 8410 §4) up to its 32 raw bytes. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The raw 32-byte key inside an Ed25519 SPKI DER. */
export function rawPublicKey(spkiDer: Buffer): Buffer {
  if (spkiDer.length !== SPKI_PREFIX.length + 32 || !spkiDer.subarray(0, SPKI_PREFIX.length).equals(SPKI_PREFIX)) {
    throw new Error('not an Ed25519 SubjectPublicKeyInfo');
  }
  return spkiDer.subarray(SPKI_PREFIX.length);
}

/** An Ed25519 key pair as DER (SPKI public, PKCS#8 private); no KeyObject is handed out. */
export function newEd25519KeyPairDer(): { publicKey: Buffer; privateKey: Buffer } {
  return generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'der' },
    privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  });
}

/** Signs `data` with an Ed25519 PKCS#8 DER private key. */
export const signEd25519 = (data: Buffer, privateKeyDer: Buffer): Buffer =>
  sign(null, data, { key: privateKeyDer, format: 'der', type: 'pkcs8' });

export function newMultiMemberGroup(): GroupSecrets {
  const group = newEd25519KeyPairDer();
  // Berty's secret is the seed of a second fresh Ed25519 key; any 32 random bytes are such a seed,
  // so the second key is never generated.
  const secret = randomBytes(32);
  return { publicKey: Buffer.from(rawPublicKey(group.publicKey)), secret, secretSig: signEd25519(secret, group.privateKey) };
}

export type GroupCheck = 'valid' | 'bad-public-key' | 'bad-signature';

/** What a joiner checks: a 32-byte public key whose signature over `secret` verifies. Nothing else. */
export function checkGroup(group: Pick<GroupSecrets, 'publicKey' | 'secret' | 'secretSig'>): GroupCheck {
  if (group.publicKey.length !== 32) return 'bad-public-key';
  try {
    const key = { key: Buffer.concat([SPKI_PREFIX, group.publicKey]), format: 'der' as const, type: 'spki' as const };
    return verify(null, group.secret, key, group.secretSig) ? 'valid' : 'bad-signature';
  } catch {
    return 'bad-signature';
  }
}

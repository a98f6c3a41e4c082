/**
 * The wire format of Standard Webhooks v1 (standard-webhooks/standard-webhooks,
 * `spec/standard-webhooks.md`): headers `webhook-id`, `webhook-timestamp` (Unix seconds) and
 * `webhook-signature`, a space-separated list of `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`,
 * one per secret in use (during a rotation the old secret signs alongside the new one). A secret is
 * shown as `whsec_<base64 of 24–64 random bytes>`; the HMAC key is those bytes. Receivers check it
 * with the reference verifiers (npm `standardwebhooks`); a test does.
 */
import { createHmac, randomBytes } from 'node:crypto';

export const SECRET_PREFIX = 'whsec_';
const SECRET_BYTES = 32;

/** A new signing secret: 32 random bytes, shown `whsec_<base64>`. */
export const newWebhookSecret = () => `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64')}`;

/** The HMAC key of a secret: the bytes its base64 holds (24–64 of them), prefix or not. */
export function secretKey(secret: string): Buffer {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
  if (key.length < 24 || key.length > 64) throw new Error('a webhook secret holds 24 to 64 bytes');
  return key;
}

/** `v1,<signature>` per secret, space-separated: what `webhook-signature` carries. */
export function signatureHeader(secrets: readonly string[], id: string, timestampSeconds: number, body: string): string {
  if (id.includes('.')) throw new Error('a webhook id holds no "."');
  return secrets
    .map((secret) => `v1,${createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`)
    .join(' ');
}

/** The three headers of one attempt (the same id on every retry of one event). */
export const webhookHeaders = (secrets: readonly string[], id: string, timestampSeconds: number, body: string) => ({
  'webhook-id': id,
  'webhook-timestamp': String(timestampSeconds),
  'webhook-signature': signatureHeader(secrets, id, timestampSeconds, body),
});

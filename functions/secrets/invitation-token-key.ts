/**
 * The key invitation tokens are made with (functions/lib/invitation-token.ts). Deployed, it is a
 * Secrets Manager secret (INVITATION_TOKEN_SECRET_ARN) read once per function instance, at the
 * first invite, alongside that request's first read (no sequential round trip); locally, the
 * base64 value of INVITATION_TOKEN_KEY, which `npm start` and the tests set (a secret's value is
 * taken as its UTF-8 bytes). The key never
 * reaches the table or a log line.
 */

let loading: Promise<Buffer> | undefined;

/** The key, read once; a failed read is tried again by the next caller. */
export function invitationTokenKey(): Promise<Buffer> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(): Promise<Buffer> {
  const local = process.env.INVITATION_TOKEN_KEY;
  if (local) return keyFrom(Buffer.from(local, 'base64'), 'INVITATION_TOKEN_KEY');
  const secretId = process.env.INVITATION_TOKEN_SECRET_ARN;
  if (!secretId)
    throw new Error('Neither INVITATION_TOKEN_KEY nor INVITATION_TOKEN_SECRET_ARN is set: no key to make invitation tokens with');
  // From the Lambda runtime's SDK (not bundled), imported on first use only.
  const { SecretsManagerClient, GetSecretValueCommand } = await import('@aws-sdk/client-secrets-manager');
  const client = new SecretsManagerClient({ region: process.env.AWS_REGION });
  const secret = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!secret.SecretString) throw new Error('the invitation token secret has no value');
  // A generated secret (64 letters and digits): its bytes are the key.
  return keyFrom(Buffer.from(secret.SecretString, 'utf8'), 'the invitation token secret');
}

/** At least 32 bytes of key. */
function keyFrom(key: Buffer, what: string): Buffer {
  if (key.length < 32) throw new Error(`${what} is shorter than 32 bytes`);
  return key;
}

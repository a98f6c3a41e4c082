/**
 * Points the store at a local DynamoDB. Must run before anything imports functions/store/client.ts,
 * which reads these once at module load (as a Lambda does).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const tokenKeyFile = resolve(import.meta.dirname, '../.local/invitation-token-key');

/**
 * The key invitation tokens are made with (deployed: a Secrets Manager secret), shared by
 * `npm start`, the admin CLI and `npm run invoke` through `.local/invitation-token-key` (made on
 * first use), so that an invitation made by one gets its link from `npm start`'s stream reader.
 * INVITATION_TOKEN_KEY, when set, wins.
 */
export function useLocalTokenKey(): void {
  if (process.env.INVITATION_TOKEN_KEY) return;
  if (!existsSync(tokenKeyFile)) {
    mkdirSync(dirname(tokenKeyFile), { recursive: true });
    writeFileSync(tokenKeyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  process.env.INVITATION_TOKEN_KEY = readFileSync(tokenKeyFile, 'utf8').trim();
}

export function useLocalDynamoDb(options: { endpoint?: string; port?: number } = {}): string {
  const port = options.port ?? Number(process.env.DYNAMODB_PORT ?? 8000);
  const endpoint = options.endpoint || process.env.DYNAMODB_ENDPOINT || `http://127.0.0.1:${port}`;
  process.env.DYNAMODB_ENDPOINT = endpoint;
  process.env.TABLE_NAME ??= 'invites';
  process.env.AWS_REGION ??= 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  // Local Node is 20; the SDK's notice about its future Node 22 floor is noise here (Lambda runs 22).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  useLocalTokenKey();
  return endpoint;
}

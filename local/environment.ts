/**
 * Points the store at a local DynamoDB. Must run before anything imports functions/store/client.ts,
 * which reads these once at module load (as a Lambda does).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { requireRunningService, statePath } from './state';

/**
 * The key invitation tokens are made with (deployed: a Secrets Manager secret), shared by
 * `npm start`, the admin CLI and `npm run invoke` through `<state dir>/invitation-token-key` (made
 * on first use), so that an invitation made by one gets its link from `npm start`'s stream reader.
 * INVITATION_TOKEN_KEY, when set, wins.
 */
export function useLocalTokenKey(): void {
  if (process.env.INVITATION_TOKEN_KEY) return;
  const tokenKeyFile = statePath('invitation-token-key');
  if (!existsSync(tokenKeyFile)) {
    mkdirSync(dirname(tokenKeyFile), { recursive: true });
    writeFileSync(tokenKeyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  process.env.INVITATION_TOKEN_KEY = readFileSync(tokenKeyFile, 'utf8').trim();
}

/**
 * The DynamoDB a tool that joins a running service uses (admin CLI, `npm run invoke`):
 * DYNAMODB_ENDPOINT (and TABLE_NAME) when set, else the running `npm start`'s (its state file);
 * none → an error that says what to do. Never a guessed port.
 */
export function useRunningDynamoDb(tool: string): string {
  if (process.env.DYNAMODB_ENDPOINT) return useLocalDynamoDb({ endpoint: process.env.DYNAMODB_ENDPOINT });
  const running = requireRunningService(tool);
  process.env.TABLE_NAME ??= running.tableName;
  // Webhook re-sends go to its local queue, and its endpoints may be http://127.0.0.1 (local only).
  if (running.webhookQueueUrl) {
    process.env.WEBHOOK_RETRY_QUEUE_URL ??= running.webhookQueueUrl;
    process.env.SQS_ENDPOINT ??= new URL(running.webhookQueueUrl).origin;
    process.env.WEBHOOKS_ALLOW_LOCAL_HTTP ??= '1';
  }
  return useLocalDynamoDb({ endpoint: running.dynamoDbEndpoint });
}

export function useLocalDynamoDb(options: { endpoint: string }): string {
  const { endpoint } = options;
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

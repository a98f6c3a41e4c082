/**
 * A synthesized function's environment, as `sam local` gives it: the template's variables with
 * each reference resolved to its local stand-in, overrides only for variables the template declares
 * (SAM's --env-vars rule: DYNAMODB_ENDPOINT and INVITATION_TOKEN_KEY are declared empty for this),
 * and the variables the Lambda runtime itself sets. A reference the runner has no stand-in for is
 * an error naming the function and the variable: a bundle must not meet it first in production.
 */
import { type SynthesizedFunction, type SynthesizedStack, TemplateError, type TemplateValue } from './template';

export interface LocalStandIns {
  tableName: string;
  apiUrl: string;
  eventBusName: string;
  region: string;
  /** The local webhook retry queue (a stand-in speaking SQS: local/webhook-queue.ts). */
  webhookQueueUrl?: string;
  /** Values for variables the template declares (empty) so that a local run may set them. */
  overrides: Record<string, string>;
  /** Settings the functions read with a default, taken from the runner's own environment when set. */
  settings: Record<string, string>;
  /** Local stand-ins for AWS services, by the SDK's endpoint variable suffix (`EVENTBRIDGE`, `SESV2`). */
  awsEndpoints?: Record<string, string>;
}

/** Settings the functions read and a stage leaves at their defaults; the local runner passes them through. */
export const PASSED_SETTINGS = [
  'RATE_LIMIT',
  'RATE_LIMIT_OVERRIDES',
  'AUTH_CACHE_TTL_MS',
  'PERMISSION_CACHE_TTL_MS',
  'INVITATION_TTL_DAYS',
  'DYNAMODB_REQUEST_TIMEOUT_MS',
  'DYNAMODB_MAX_ATTEMPTS',
  'RC_SITE_URL',
  'RC_DEEP_LINK_URL',
  'RC_INVITE_URL_TYPE',
  'RC_INVITE_TOKENS',
  'WEBHOOK_ENDPOINTS_CACHE_MS',
] as const;

function resolveValue(stack: SynthesizedStack, fn: SynthesizedFunction, name: string, value: TemplateValue, local: LocalStandIns): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const ref = typeof value.Ref === 'string' ? value.Ref : undefined;
  const getAtt = Array.isArray(value['Fn::GetAtt']) ? (value['Fn::GetAtt'] as string[]) : undefined;
  const id = ref ?? getAtt?.[0];
  const type = id ? stack.resources[id]?.Type : undefined;
  if (ref && type === 'AWS::DynamoDB::Table') return local.tableName;
  if (ref && type === 'AWS::Events::EventBus') return local.eventBusName;
  if (ref && type === 'AWS::SES::ConfigurationSet') return 'invites-local';
  if (ref && type === 'AWS::SQS::Queue' && local.webhookQueueUrl) return local.webhookQueueUrl;
  if (ref && type === 'AWS::SecretsManager::Secret') return `arn:aws:secretsmanager:${local.region}:000000000000:secret:${id}`;
  if (getAtt && type === 'AWS::ApiGatewayV2::Api' && getAtt[1] === 'ApiEndpoint') return local.apiUrl;
  throw new TemplateError(
    `${fn.constructId}: environment variable ${name} refers to ${JSON.stringify(value)}${type ? ` (${type})` : ''}, which the local runner has no stand-in for`,
  );
}

export function functionEnvironment(stack: SynthesizedStack, fn: SynthesizedFunction, local: LocalStandIns): Record<string, string> {
  const declared = Object.fromEntries(
    Object.entries(fn.environment).map(([name, value]) => [name, resolveValue(stack, fn, name, value, local)]),
  );
  const overridden = Object.fromEntries(Object.entries(local.overrides).filter(([name]) => name in declared));
  return {
    ...local.settings,
    ...declared,
    ...overridden,
    // The SDK's own endpoint settings (AWS_ENDPOINT_URL_<SERVICE>): the bus and SES stand-ins.
    ...Object.fromEntries(Object.entries(local.awsEndpoints ?? {}).map(([service, url]) => [`AWS_ENDPOINT_URL_${service}`, url])),
    // What the Lambda runtime sets (credentials: DynamoDB Local accepts any).
    AWS_REGION: local.region,
    AWS_DEFAULT_REGION: local.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: fn.constructId,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    LAMBDA_TASK_ROOT: fn.assetDir,
    TZ: ':UTC',
    // The runtime is Node 22: the SDK's warning about this machine's Node 20 does not apply there.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

export function passedSettings(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(PASSED_SETTINGS.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]!]])));
}

/**
 * The one DynamoDB client of a function instance, created at module scope so warm
 * invocations reuse its connections. Local runs point it at DynamoDB Local with DYNAMODB_ENDPOINT.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { checkAdmittedWrite } from '../lib/request-gate';

const endpoint = process.env.DYNAMODB_ENDPOINT || undefined;

/** 3 attempts of 3 s stay below the functions' 15 s timeout, so a stuck call surfaces as a 504 we can report. */
const requestTimeoutMs = Number(process.env.DYNAMODB_REQUEST_TIMEOUT_MS ?? 3000);

export const tableName = process.env.TABLE_NAME ?? 'invites';

export const dynamoDbClient = new DynamoDBClient({
  region: process.env.AWS_REGION ?? 'us-east-1',
  endpoint,
  maxAttempts: Number(process.env.DYNAMODB_MAX_ATTEMPTS ?? 3),
  // Without throwOnRequestTimeout the SDK only logs a warning and keeps waiting.
  requestHandler: { requestTimeout: requestTimeoutMs, connectionTimeout: 1000, throwOnRequestTimeout: true },
  // DynamoDB Local accepts any credentials; never fall back to a real profile for it.
  ...(endpoint && !process.env.AWS_ACCESS_KEY_ID ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
});

/** The writes a request may make only once admitted (its rate limit): checked on every send, raw or through the document client. */
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'TransactWriteItemsCommand', 'BatchWriteItemCommand']);
dynamoDbClient.middlewareStack.add(
  (next, context) => (args) => {
    if (WRITES.has(context.commandName ?? '')) checkAdmittedWrite(context.commandName!);
    return next(args);
  },
  { step: 'initialize', name: 'requestGateAdmission' },
);

export const documentClient = DynamoDBDocumentClient.from(dynamoDbClient, {
  marshallOptions: { removeUndefinedValues: true },
});

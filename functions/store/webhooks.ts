/**
 * Webhook endpoints, deliveries and attempts (entities/webhook.ts; docs/access-patterns.md, 9).
 * Every write that can race is conditional: a try claims its delivery (not succeeded, no live
 * lease), a rotation replaces the secrets it read, the deliverer's failing mark is set only if
 * absent and an endpoint is disabled only if enabled.
 */
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clock } from '../lib/clock';
import { admitted } from '../lib/request-gate';
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../model';
import { type TransactItem, transactWriteWithRetry, unexpectedCancellation } from './batch';
import { documentClient, tableName } from './client';
import { webhookAttemptCodec, webhookDeliveryCodec, webhookEndpointCodec } from './entities/webhook';
import { eventNotePut } from './event-notes';
import { keys } from './keys';
import { queryByPrefix } from './query';
import { tableSchema } from './table-schema';

/** Deliveries and attempts are kept 30 days. */
const LOG_TTL_SECONDS = 30 * 24 * 3600;

const isConditionFailure = (error: unknown) => (error as { name?: string }).name === 'ConditionalCheckFailedException';

export async function createWebhookEndpoint(endpoint: WebhookEndpoint): Promise<void> {
  await admitted();
  await documentClient.send(
    new PutCommand({ TableName: tableName, Item: webhookEndpointCodec.encode(endpoint), ConditionExpression: 'attribute_not_exists(pk)' }),
  );
}

export async function getWebhookEndpoint(id: string): Promise<WebhookEndpoint | undefined> {
  const { Item } = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.webhookEndpoint(id), ConsistentRead: true }));
  return Item ? webhookEndpointCodec.decode(Item) : undefined;
}

export async function listWebhookEndpoints(): Promise<WebhookEndpoint[]> {
  const items = await queryByPrefix(keys.webhookEndpointsPartition(), keys.webhookEndpointPrefix());
  return items.map((item) => webhookEndpointCodec.decode(item));
}

/** SET the defined fields, REMOVE the undefined ones; the endpoint must exist. */
export async function updateWebhookEndpoint(
  id: string,
  changes: Partial<Omit<WebhookEndpoint, 'id' | 'createdAt' | 'secrets'>>,
): Promise<WebhookEndpoint | undefined> {
  await admitted();
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  Object.entries(changes).forEach(([field, value], index) => {
    names[`#f${index}`] = field;
    if (value === undefined) removes.push(`#f${index}`);
    else {
      values[`:v${index}`] = value;
      sets.push(`#f${index} = :v${index}`);
    }
  });
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.webhookEndpoint(id),
        UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : '']
          .join(' ')
          .trim(),
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: names,
        ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return webhookEndpointCodec.decode(Attributes!);
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

export async function replaceWebhookSecrets(
  id: string,
  expected: WebhookEndpoint['secrets'],
  secrets: WebhookEndpoint['secrets'],
  updatedAt: string,
): Promise<boolean> {
  await admitted();
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.webhookEndpoint(id),
        UpdateExpression: 'SET secrets = :secrets, updatedAt = :updatedAt',
        ConditionExpression: 'secrets = :expected',
        ExpressionAttributeValues: { ':secrets': secrets, ':expected': expected, ':updatedAt': updatedAt },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function deleteWebhookEndpoint(id: string): Promise<boolean> {
  await admitted();
  try {
    await documentClient.send(
      new DeleteCommand({ TableName: tableName, Key: keys.webhookEndpoint(id), ConditionExpression: 'attribute_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function getWebhookDelivery(endpointId: string, eventId: string): Promise<WebhookDelivery | undefined> {
  const { Item } = await documentClient.send(
    new GetCommand({ TableName: tableName, Key: keys.webhookDelivery(endpointId, eventId), ConsistentRead: true }),
  );
  return Item ? webhookDeliveryCodec.decode(Item) : undefined;
}

export async function unsucceededWebhookDeliveries(endpointId: string, since: string): Promise<WebhookDelivery[]> {
  const items = await queryByPrefix(keys.webhookPartition(endpointId), keys.webhookDeliveryPrefix());
  return items
    .map((item) => webhookDeliveryCodec.decode(item))
    .filter((delivery) => delivery.status !== 'succeeded' && delivery.eventTime >= since);
}

/** The newest attempts first. */
export async function listWebhookAttempts(endpointId: string, limit: number): Promise<WebhookAttempt[]> {
  const { Items } = await documentClient.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.webhookPartition(endpointId), ':prefix': keys.webhookAttemptPrefix() },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (Items ?? []).map((item) => webhookAttemptCodec.decode(item));
}

export type ClaimOutcome = { claimed: true; delivery: WebhookDelivery } | { claimed: false; why: 'succeeded' | 'in-flight' };

/**
 * Starts a try of a delivery (made on its first try): counts it and holds a lease until
 * `leaseUntil`, if no other try holds one and (unless forced) it has not succeeded. One round trip.
 */
export async function claimWebhookDelivery(
  message: { endpointId: string; eventId: string; type: string; body: string; eventTime: string; force?: boolean },
  nowMs: number,
  leaseUntil: number,
): Promise<ClaimOutcome> {
  await admitted();
  try {
    const { Attributes } = await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.webhookDelivery(message.endpointId, message.eventId),
        UpdateExpression:
          'SET endpointId = :endpointId, eventId = :eventId, #type = if_not_exists(#type, :type), body = if_not_exists(body, :body), ' +
          'eventTime = if_not_exists(eventTime, :eventTime), #status = if_not_exists(#status, :pending), ' +
          'attempts = if_not_exists(attempts, :zero) + :one, leaseUntil = :leaseUntil, #ttl = :ttl',
        ConditionExpression: `(attribute_not_exists(leaseUntil) OR leaseUntil < :now)${message.force ? '' : ' AND (attribute_not_exists(#status) OR #status <> :succeeded)'}`,
        ExpressionAttributeNames: { '#type': 'type', '#status': 'status', '#ttl': tableSchema.ttlAttribute },
        ExpressionAttributeValues: {
          ':endpointId': message.endpointId,
          ':eventId': message.eventId,
          ':type': message.type,
          ':body': message.body,
          ':eventTime': message.eventTime,
          ':pending': 'pending',
          ':zero': 0,
          ':one': 1,
          ':leaseUntil': leaseUntil,
          ':now': nowMs,
          ':ttl': clock.nowSeconds() + LOG_TTL_SECONDS,
          ...(message.force ? {} : { ':succeeded': 'succeeded' }),
        },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { claimed: true, delivery: webhookDeliveryCodec.decode(Attributes!) };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const old = (error as { Item?: Record<string, unknown> }).Item;
    return { claimed: false, why: old?.status === 'succeeded' && !message.force ? 'succeeded' : 'in-flight' };
  }
}

/** A try's outcome on its delivery (its lease released) and its line in the attempt log, in one transaction. */
export async function finishWebhookDelivery(attempt: WebhookAttempt, status: WebhookDelivery['status']): Promise<void> {
  const ttl = clock.nowSeconds() + LOG_TTL_SECONDS;
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName,
        Key: keys.webhookDelivery(attempt.endpointId, attempt.eventId),
        UpdateExpression: 'SET #status = :status, lastAttemptAt = :at REMOVE leaseUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': status, ':at': attempt.at },
      },
    },
    { Put: { TableName: tableName, Item: { ...webhookAttemptCodec.encode(attempt), [tableSchema.ttlAttribute]: ttl } } },
  ];
  const outcome = await transactWriteWithRetry(items, 'webhook attempt');
  if (!outcome.committed) throw unexpectedCancellation('webhook attempt', outcome.reasons);
}

export async function markWebhookEndpointFailing(endpointId: string, since: string): Promise<void> {
  await conditionalUpdate(endpointId, 'SET failingSince = :since', 'attribute_exists(pk) AND attribute_not_exists(failingSince)', {
    ':since': since,
  });
}

export async function clearWebhookEndpointFailing(endpointId: string): Promise<void> {
  await conditionalUpdate(endpointId, 'REMOVE failingSince', 'attribute_exists(failingSince)', {});
}

/** Disables an endpoint still enabled, with its `Webhook Endpoint Disabled` event note, in one transaction. */
export async function disableWebhookEndpoint(endpoint: WebhookEndpoint, reason: 'gone' | 'failing'): Promise<boolean> {
  const outcome = await transactWriteWithRetry(
    [
      {
        Update: {
          TableName: tableName,
          Key: keys.webhookEndpoint(endpoint.id),
          UpdateExpression: 'SET enabled = :false, disabledReason = :reason, updatedAt = :now',
          ConditionExpression: 'enabled = :true',
          ExpressionAttributeValues: { ':false': false, ':true': true, ':reason': reason, ':now': clock.iso() },
        },
      },
      eventNotePut({
        type: 'Webhook Endpoint Disabled',
        detail: { endpointId: endpoint.id, reason, ...(endpoint.failingSince ? { failingSince: endpoint.failingSince } : {}) },
      }),
    ],
    'disable webhook endpoint',
  );
  if (outcome.committed) return true;
  if (outcome.reasons[0] === 'ConditionalCheckFailed') return false;
  throw unexpectedCancellation('disable webhook endpoint', outcome.reasons);
}

async function conditionalUpdate(endpointId: string, update: string, condition: string, values: Record<string, unknown>) {
  await admitted();
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.webhookEndpoint(endpointId),
        UpdateExpression: update,
        ConditionExpression: condition,
        ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
      }),
    );
  } catch (error) {
    // Already so (another try set or cleared it first), or the endpoint is gone: nothing to do.
    if (!isConditionFailure(error)) throw error;
  }
}

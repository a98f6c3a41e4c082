/**
 * At most one e-mail per event id, by conditional writes on one delivery item per event (the
 * docs/email.md says why not Powertools Idempotency): claim it before sending, mark it sent after; a
 * failed send releases it so the retry sends. A claim whose sender died is taken over once its
 * lease ends, so a crash between the send and the mark can send twice, never zero times.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client';
import { keys } from './keys';
import { tableSchema } from './table-schema';

export type ClaimOutcome = 'claimed' | 'sent' | 'in-progress';

/** Delivery records outlive every retry of the queue (4 days' retention) and of the bus (1 day). */
const DELIVERY_RETENTION_SECONDS = 7 * 24 * 60 * 60;

export async function claimDelivery(eventId: string, nowSeconds: number, leaseSeconds: number): Promise<ClaimOutcome> {
  try {
    await documentClient.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...keys.emailDelivery(eventId),
          state: 'sending',
          leaseUntil: nowSeconds + leaseSeconds,
          [tableSchema.ttlAttribute]: nowSeconds + DELIVERY_RETENTION_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :sending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sending': 'sending', ':now': nowSeconds },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return 'claimed';
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return error.Item?.state?.S === 'sent' ? 'sent' : 'in-progress';
  }
}

/** The e-mail went out: the record stays (until TTL) so a copy of the event sends nothing. */
export async function markDelivered(eventId: string, outcome: { messageId?: string; skipped?: string }): Promise<void> {
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.emailDelivery(eventId),
      UpdateExpression: 'SET #state = :sent, messageId = :messageId, skipped = :skipped REMOVE leaseUntil',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':sent': 'sent', ':messageId': outcome.messageId ?? null, ':skipped': outcome.skipped ?? null },
    }),
  );
}

/** The send failed: give the claim back so the retry sends. */
export async function releaseDelivery(eventId: string): Promise<void> {
  await documentClient
    .send(
      new DeleteCommand({
        TableName: tableName,
        Key: keys.emailDelivery(eventId),
        ConditionExpression: '#state = :sending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':sending': 'sending' },
      }),
    )
    .catch((error: unknown) => {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    });
}

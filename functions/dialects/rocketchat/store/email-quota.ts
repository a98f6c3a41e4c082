/**
 * One caller's invitation e-mails per UTC day, counted on one item with a conditional `ADD`: a
 * single-item update, so concurrent requests of one caller serialize without a transaction and the
 * count stays exact. A request that would pass the cap adds nothing.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { admitted } from '../../../lib/request-gate';
import { documentClient, tableName } from '../../../store/client';
import { keys } from './keys';
import { tableSchema } from '../../../store/table-schema';

/** Whether `count` more e-mails fit under `cap` today (and are now counted). */
export async function reserveEmails(userId: string, day: string, count: number, cap: number, expiresAtSeconds: number): Promise<boolean> {
  await admitted();
  try {
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.emailQuota(userId, day),
        UpdateExpression: 'ADD sent :count SET #expiresAt = :expiresAt',
        ConditionExpression: 'attribute_not_exists(sent) OR sent <= :room',
        ExpressionAttributeNames: { '#expiresAt': tableSchema.ttlAttribute },
        ExpressionAttributeValues: { ':count': count, ':room': cap - count, ':expiresAt': expiresAtSeconds },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Gives back a reservation whose e-mails were not recorded (the request failed after reserving). */
export async function releaseEmails(userId: string, day: string, count: number): Promise<void> {
  await documentClient.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.emailQuota(userId, day),
      UpdateExpression: 'ADD sent :minus',
      ExpressionAttributeValues: { ':minus': -count },
    }),
  );
}

/** The suppression list: addresses that bounced or complained get no more invitation e-mails. */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client';
import { keys } from './keys';
import { queryByPrefix } from './query';

export interface Suppression {
  email: string;
  reason: 'BOUNCE' | 'COMPLAINT' | 'MANUAL';
  since: string;
  /** SES's words for it (bounce type and subtype, complaint feedback type). */
  detail?: string;
}

export async function findSuppression(email: string): Promise<Suppression | undefined> {
  const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.emailSuppression(email) }));
  return result.Item ? toSuppression(result.Item) : undefined;
}

export async function putSuppression(suppression: Suppression): Promise<void> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.emailSuppression(suppression.email), ...suppression, email: suppression.email.toLowerCase() },
    }),
  );
}

export const listSuppressions = async (): Promise<Suppression[]> =>
  (await queryByPrefix(keys.emailSuppressionPartition(), keys.emailSuppressionPrefix())).map(toSuppression);

/** Whether there was one to clear. */
export async function clearSuppression(email: string): Promise<boolean> {
  try {
    await documentClient.send(
      new DeleteCommand({ TableName: tableName, Key: keys.emailSuppression(email), ConditionExpression: 'attribute_exists(pk)' }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

const toSuppression = (item: Record<string, unknown>): Suppression => ({
  email: String(item.email),
  reason: item.reason as Suppression['reason'],
  since: String(item.since),
  ...(typeof item.detail === 'string' ? { detail: item.detail } : {}),
});

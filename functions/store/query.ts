import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Item } from './batch';
import { documentClient, tableName } from './client';
import { stripLayout } from './keys';

/**
 * Every item of a partition whose sort key starts with `prefix`, all pages; layout attributes
 * stripped unless `keepLayout` (for callers that read the TTL attribute).
 */
export async function queryByPrefix(pk: string, prefix: string, keepLayout = false): Promise<Item[]> {
  const items: Item[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ExclusiveStartKey,
        ConsistentRead: true,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return keepLayout ? items : items.map(stripLayout);
}

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Item } from './batch';
import { documentClient, tableName } from './client';
import { tableSchema } from './table-schema';

/** Every item of a partition whose sort key starts with `prefix`, all pages (codecs decode them). */
export async function queryByPrefix(pk: string, prefix: string): Promise<Item[]> {
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
  return items;
}

/** Every item of one gsi1 partition (eventually consistent, as every GSI read). */
export async function queryIndex(gsi1pk: string, sortPrefix?: string): Promise<Item[]> {
  const items: Item[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: tableSchema.globalSecondaryIndexes[0].indexName,
        KeyConditionExpression: sortPrefix ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk, ...(sortPrefix ? { ':prefix': sortPrefix } : {}) },
        ExclusiveStartKey,
      }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Item } from './batch';
import { documentClient, tableName } from './client';
import { tableSchema } from './table-schema';

/** Every item a query matches, all pages. */
async function allPages(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Item[]> {
  const items: Item[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new QueryCommand({ TableName: tableName, ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** Every item of a partition whose sort key starts with `prefix` (consistent; codecs decode them). */
export const queryByPrefix = (pk: string, prefix: string): Promise<Item[]> =>
  allPages({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
    ConsistentRead: true,
  });

/** Every item of a partition (consistent). */
export const queryPartition = (pk: string): Promise<Item[]> =>
  allPages({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk }, ConsistentRead: true });

/** Every item of one gsi1 partition, optionally with a sort-key prefix (eventually consistent, as every GSI read). */
export const queryIndex = (gsi1pk: string, sortPrefix?: string): Promise<Item[]> =>
  allPages({
    IndexName: tableSchema.globalSecondaryIndexes[0].indexName,
    KeyConditionExpression: sortPrefix ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': gsi1pk, ...(sortPrefix ? { ':prefix': sortPrefix } : {}) },
  });

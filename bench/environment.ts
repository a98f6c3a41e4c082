/** The benchmark's own DynamoDB Local and table, set up before any store module is imported. */
import { startDynamoDbLocal } from '../local/dynamodb-local';
import { useLocalDynamoDb } from '../local/environment';
import { freePort } from '../test/support/free-port';

export async function startBenchDatabase() {
  const dynamoDb = await startDynamoDbLocal({ port: await freePort() });
  process.env.TABLE_NAME = 'invites-bench';
  useLocalDynamoDb({ endpoint: dynamoDb.endpoint });
  const { dynamoDbClient, tableName } = await import('../functions/store/client');
  const { ensureTable } = await import('../local/table');
  await ensureTable(dynamoDbClient, tableName);
  return dynamoDb;
}

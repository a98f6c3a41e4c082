/** Rocket.Chat settings kept in the table (set with the admin CLI); unset ones take upstream's defaults in domain code. */
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { clock } from '../../../lib/clock';
import { batchGet, keyId } from '../../../store/batch';
import { documentClient, tableName } from '../../../store/client';
import { keys } from './keys';
import { queryPartition } from '../../../store/query';

/** The values set among `ids` (strongly consistent, one BatchGetItem). */
export async function readSettings(ids: readonly string[]): Promise<Map<string, string>> {
  const items = await batchGet(ids.map(keys.setting));
  const values = new Map<string, string>();
  for (const id of ids) {
    const item = items.get(keyId(keys.setting(id)));
    if (item && typeof item.value === 'string') values.set(id, item.value);
  }
  return values;
}

export async function writeSetting(id: string, value: string): Promise<void> {
  await documentClient.send(new PutCommand({ TableName: tableName, Item: { ...keys.setting(id), value, updatedAt: clock.iso() } }));
}

export async function deleteSetting(id: string): Promise<void> {
  await documentClient.send(new DeleteCommand({ TableName: tableName, Key: keys.setting(id) }));
}

export const listSettings = async (): Promise<Map<string, string>> =>
  new Map((await queryPartition(keys.settingPartition())).map((item) => [String(item.sk), String(item.value)]));

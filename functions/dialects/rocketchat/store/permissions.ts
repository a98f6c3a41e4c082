/**
 * Stored permission grants (Rocket.Chat's `rocketchat_permissions`). Only stored rows live here;
 * the defaults that fill the gaps are a business rule (domain/rocketchat/permissions.ts).
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { clock } from '../../../lib/clock';
import { type Item, keyId } from '../../../store/batch';
import { documentClient, tableName } from '../../../store/client';
import { permissionCodec } from './items';
import { keys } from './keys';

/** Roles per permission as stored; a permission with no stored row is absent. */
export type StoredGrants = Map<string, string[]>;

export const permissionKeys = (permissions: readonly string[]) => permissions.map(keys.permission);

/** The stored grants among items read with `permissionKeys`. */
export function pickStoredGrants(items: Map<string, Item>, permissions: readonly string[]): StoredGrants {
  const grants: StoredGrants = new Map();
  for (const permission of permissions) {
    const item = items.get(keyId(keys.permission(permission)));
    if (item) grants.set(permission, permissionCodec.decode(item).roles);
  }
  return grants;
}

export async function putPermissionRoles(permission: string, roles: string[]): Promise<{ _id: string; roles: string[] }> {
  await documentClient.send(
    new PutCommand({ TableName: tableName, Item: permissionCodec.encode({ _id: permission, roles, _updatedAt: clock.iso() }) }),
  );
  return { _id: permission, roles };
}

/** One permission's stored grant (undefined when none is stored). */
export async function readStoredGrant(permission: string): Promise<string[] | undefined> {
  const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.permission(permission) }));
  return result.Item ? permissionCodec.decode(result.Item).roles : undefined;
}

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Item, keyId } from './batch';
import { documentClient, tableName } from './client';
import { keys } from './keys';

/** Rocket.Chat's default grants; a stored permission item overrides its row. */
export const defaultPermissionRoles: Readonly<Record<string, readonly string[]>> = {
  'add-user-to-joined-room': ['admin', 'owner', 'moderator'],
  'add-user-to-any-c-room': ['admin'],
  'add-user-to-any-p-room': [],
  'api-bypass-rate-limit': ['admin', 'bot', 'app'],
};

export const permissionKeys = (permissions: readonly string[]) => permissions.map(keys.permission);

/** The roles granted each permission, from items read with `permissionKeys`, defaults filling gaps. */
export function pickPermissionRoles(items: Map<string, Item>, permissions: readonly string[]): Map<string, string[]> {
  return new Map(
    permissions.map((permission) => {
      const stored = items.get(keyId(keys.permission(permission)));
      const roles = stored ? (stored.roles as string[]) : (defaultPermissionRoles[permission] ?? []);
      return [permission, [...roles]];
    }),
  );
}

export async function setPermissionRoles(permission: string, roles: string[]): Promise<{ _id: string; roles: string[] }> {
  await documentClient.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.permission(permission), _id: permission, roles, _updatedAt: new Date().toISOString() },
    }),
  );
  return { _id: permission, roles };
}

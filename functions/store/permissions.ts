import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
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

const cacheTtlMs = Number(process.env.PERMISSION_CACHE_TTL_MS ?? 30_000);
const cache = new Map<string, { roles: string[]; until: number }>();

/**
 * The roles granted a permission, cached per function instance for PERMISSION_CACHE_TTL_MS
 * (30 s): grants change rarely and this is read on every request (rate-limit bypass).
 */
export async function readPermissionRoles(permission: string): Promise<string[]> {
  const cached = cache.get(permission);
  if (cached && cached.until > Date.now()) return cached.roles;
  const key = keys.permission(permission);
  const result = await documentClient.send(new GetCommand({ TableName: tableName, Key: key }));
  const roles = pickPermissionRoles(new Map(result.Item ? [[keyId(key), result.Item]] : []), [permission]).get(permission)!;
  cache.set(permission, { roles, until: Date.now() + cacheTtlMs });
  return roles;
}

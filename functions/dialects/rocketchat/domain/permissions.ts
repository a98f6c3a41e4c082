/**
 * Rocket.Chat permissions: each is granted to roles; a stored grant replaces the default row.
 * Room-scoped checks count the caller's global roles plus the roles of their room membership.
 */
import { TtlCache } from '../../../lib/cache';
import type { User } from '../../../model';
import { cachePolicies } from '../../../policies';
import { putPermissionRoles, readStoredGrant } from '../store/permissions';

/** Rocket.Chat's default grants (apps/meteor/app/authorization/server/constant/permissions.ts). */
export const defaultPermissionRoles: Readonly<Record<string, readonly string[]>> = {
  'add-user-to-joined-room': ['admin', 'owner', 'moderator'],
  'add-user-to-any-c-room': ['admin'],
  'add-user-to-any-p-room': [],
  'api-bypass-rate-limit': ['admin', 'bot', 'app'],
  'create-invite-links': ['admin', 'owner', 'moderator'],
  /** Upstream's split (PR #38290): listing and removing every link, apart from making them. */
  'manage-invite-links': ['admin'],
  'ban-user': ['admin', 'owner', 'moderator'],
  'bulk-register-user': ['admin'],
};

/** The roles granted each permission: the stored grant, or the default. */
export function grantedRoles(stored: ReadonlyMap<string, string[]>, permissions: readonly string[]): Map<string, string[]> {
  return new Map(permissions.map((permission) => [permission, [...(stored.get(permission) ?? defaultPermissionRoles[permission] ?? [])]]));
}

/** Whether any of `roles` holds `permission` under `grants`. */
export const holdsPermission = (grants: ReadonlyMap<string, readonly string[]>, permission: string, roles: readonly string[]) =>
  (grants.get(permission) ?? []).some((role) => roles.includes(role));

export interface PermissionStore {
  readStoredGrant(permission: string): Promise<string[] | undefined>;
}

const cache = new TtlCache<string, string[]>(cachePolicies.permissions);

/** One permission's roles as stored now, or its default (no cache: for checks that must be fresh). */
export async function currentPermissionRoles(permission: string, store: PermissionStore = { readStoredGrant }): Promise<string[]> {
  const stored = await store.readStoredGrant(permission);
  return grantedRoles(new Map(stored ? [[permission, stored]] : []), [permission]).get(permission)!;
}

/** One permission's roles, cached per instance (cachePolicies.permissions): read on every request. */
export async function readPermissionRoles(permission: string, store?: PermissionStore): Promise<string[]> {
  const cached = cache.get(permission);
  if (cached) return cached;
  const roles = await currentPermissionRoles(permission, store);
  cache.set(permission, roles);
  return roles;
}

/** Rocket.Chat skips the API rate limiter for holders of `api-bypass-rate-limit` (admin, bot, app by default). */
export async function holdsBypassPermission(caller: User, store?: PermissionStore): Promise<boolean> {
  const roles = await readPermissionRoles('api-bypass-rate-limit', store);
  return caller.roles.some((role) => roles.includes(role));
}

export const setPermissionRoles = (permission: string, roles: string[]) => putPermissionRoles(permission, roles);

import { readPermissionRoles } from '../../store/permissions';
import type { User } from '../../store/users';

/** Rocket.Chat skips the API rate limiter for holders of `api-bypass-rate-limit` (admin, bot, app by default). */
export async function holdsBypassPermission(caller: User): Promise<boolean> {
  const roles = await readPermissionRoles('api-bypass-rate-limit');
  return caller.roles.some((role) => roles.includes(role));
}

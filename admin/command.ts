/**
 * What an admin command is — its words, its usage, its options and what it does — and the helpers
 * every command file shares. The core's commands are in commands.ts; each dialect's are in its
 * folder (functions/dialects/<name>/admin.ts), found by the CLI from the registered dialects.
 */
import type { User } from '../functions/model';
import { findUser } from '../functions/store/users';

/** A refusal the CLI prints on stderr as it is (exit 1). */
export class AdminError extends Error {}

export type AdminValues = Record<string, string | boolean | string[] | undefined>;

export interface AdminOption {
  type: 'string' | 'boolean';
  multiple?: boolean;
}

export interface AdminCommand {
  /** `channel add`: the two words that name it. */
  words: string;
  /** What follows the words in the usage text. */
  usage: string;
  run(values: AdminValues, argument: string | undefined): Promise<unknown>;
}

/** What a command file exports as `admin`. */
export interface AdminCommandSet {
  options: Record<string, AdminOption>;
  commands: AdminCommand[];
}

export const text = (values: AdminValues, name: string) => values[name] as string | undefined;
export const texts = (values: AdminValues, name: string) => values[name] as string[] | undefined;
export const flag = (values: AdminValues, name: string) => values[name] as boolean | undefined;

export async function requireUser(idOrUsername: string): Promise<User> {
  const user = await findUser(idOrUsername);
  if (!user) throw new AdminError(`No user "${idOrUsername}"`);
  return user;
}

export const userView = (user: User) => ({
  _id: user._id,
  userId: user.userId,
  username: user.username,
  ...(user.email ? { email: user.email } : {}),
  ...(user.name ? { name: user.name } : {}),
  roles: user.roles,
});

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Demo data for `npm start`: the demo users with fresh tokens, then each registered dialect's own
 * demo data (its folder's `demo.ts`: functions/dialects/<dialect name>/demo.ts). Created once per
 * table; tokens are new on every start.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createToken } from '../functions/store/tokens';
import { findUserRefByUsername, getUser } from '../functions/store/users';
import { createUser } from '../functions/domain/users';
import type { User } from '../functions/model';
import { registeredDialects } from '../functions/registry';
import { DEMO_USER_NAMES, type DemoUserName } from '../functions/routes/route';

export type Placeholders = Record<string, string>;

/**
 * Who is who, so that each example has the fixtures it consumes to itself (any order works):
 * admin owns everything; alice is a member of everything (admins-access, Berty leave); bob is
 * invited (channels, links, accept-invite, Berty join) and a member of the public group (leave);
 * carol has an invitation to reject and joins the public group; dave is invited by the Rooms
 * example and follows the private link; erin is the member the remove example removes.
 */
export type DemoUsers = Record<DemoUserName, User>;

/** admin is the Rocket.Chat admin; operator holds the webhook API's operator role (its token is an operator key). */
const DEMO_ROLES: Partial<Record<DemoUserName, string[]>> = { admin: ['admin'], operator: ['webhooks-operator'] };

/** What a dialect's demo module exports. */
export interface DialectDemo {
  /** Creates (or finds) the dialect's demo data; returns its placeholders and lines for the console. */
  seed(users: DemoUsers): Promise<{ placeholders: Placeholders; summary: string[] }>;
}

export interface DemoData {
  users: Record<keyof DemoUsers, { user: User; authToken: string }>;
  /** `{{name}}` values for the route table's examples and sample events. */
  placeholders: Placeholders;
  summary: string[];
}

async function ensureUser(username: string, roles: string[], email: string): Promise<User> {
  const existing = await findUserRefByUsername(username);
  if (existing) return (await getUser(existing._id))!;
  return createUser({ username, email, name: username[0]!.toUpperCase() + username.slice(1), roles });
}

/** The registered dialects' demo modules (a dialect may have none). */
function demoModules(): string[] {
  const dialectsDir = resolve(import.meta.dirname, '../functions/dialects');
  return registeredDialects()
    .map((module) => resolve(dialectsDir, module.dialect.name, 'demo.ts'))
    .filter((file) => existsSync(file));
}

export async function seedDemoData(): Promise<DemoData> {
  const users = {} as DemoUsers;
  const tokens = {} as DemoData['users'];
  const placeholders: Placeholders = {};
  for (const name of DEMO_USER_NAMES) {
    const user = (users[name] = await ensureUser(name, DEMO_ROLES[name] ?? ['user'], `${name}@example.com`));
    tokens[name] = { user, authToken: await createToken(user._id) };
    // Per user: its token, Rocket.Chat _id, Rooms user id, username and address (e.g. bobToken, bobId, bobNumber).
    Object.assign(placeholders, {
      [`${name}Token`]: tokens[name].authToken,
      [`${name}Id`]: user._id,
      [`${name}Number`]: String(user.userId),
      [`${name}Username`]: user.username,
      [`${name}Email`]: user.email ?? '',
    });
  }
  const summary: string[] = [];
  for (const file of demoModules()) {
    const demo = (await import(pathToFileURL(file).href)) as DialectDemo;
    const seeded = await demo.seed(users);
    Object.assign(placeholders, seeded.placeholders);
    summary.push(...seeded.summary);
  }
  return { users: tokens, placeholders, summary };
}

/**
 * Demo data for `npm start`: three users with fresh tokens, then each dialect's own demo data
 * (one module per dialect beside this file, found by name: `<dialect name>.ts`). Created once per
 * table; tokens are new on every start.
 */
import { readdirSync } from 'node:fs';
import { createToken } from '../functions/store/tokens';
import { findUserRefByUsername, getUser } from '../functions/store/users';
import { createUser } from '../functions/domain/users';
import type { User } from '../functions/model';
import { dialects } from '../functions/dialects';

export type Placeholders = Record<string, string>;

export interface DemoUsers {
  admin: User;
  alice: User;
  bob: User;
}

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

/** The dialects with a demo module here. */
function demoModules(): string[] {
  const files = new Set(readdirSync(import.meta.dirname));
  return dialects.map((dialect) => dialect.name).filter((name) => files.has(`${name}.ts`));
}

export async function seedDemoData(): Promise<DemoData> {
  const users: DemoUsers = {
    admin: await ensureUser('admin', ['admin'], 'admin@example.com'),
    alice: await ensureUser('alice', ['user'], 'alice@example.com'),
    bob: await ensureUser('bob', ['user'], 'bob@example.com'),
  };
  const withToken = async (user: User) => ({ user, authToken: await createToken(user._id) });
  const tokens = { admin: await withToken(users.admin), alice: await withToken(users.alice), bob: await withToken(users.bob) };
  const placeholders: Placeholders = {
    authToken: tokens.admin.authToken,
    userId: users.admin._id,
    inviteeId: users.bob._id,
    inviteeUsername: users.bob.username,
    inviteeEmail: users.bob.email ?? '',
    inviteeToken: tokens.bob.authToken,
  };
  const summary: string[] = [];
  for (const name of demoModules()) {
    const demo = (await import(`./${name}.ts`)) as DialectDemo;
    const seeded = await demo.seed(users);
    Object.assign(placeholders, seeded.placeholders);
    summary.push(...seeded.summary);
  }
  return { users: tokens, placeholders, summary };
}

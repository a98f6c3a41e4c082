/**
 * The core's keys of the single table (users, tokens and grants, operational items, e-mail state),
 * each built by its entity's module (functions/store/entities/) and gathered here; a dialect
 * gathers its own entities' keys with these in its folder (functions/dialects/<name>/store/keys.ts).
 * See docs/access-patterns.md for the entities, their keys and the access patterns they serve.
 */
import { emailKeys } from './entities/email';
import { identityKeys } from './entities/identity';
import { operationalKeys } from './entities/operational';
import { accessKeys } from './entities/token';
import { userKeys } from './entities/user';
import { webhookKeys } from './entities/webhook';

export const keys = {
  ...userKeys,
  ...identityKeys,
  ...accessKeys,
  ...operationalKeys,
  ...emailKeys,
  ...webhookKeys,
} as const;

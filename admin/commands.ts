/**
 * The core's operator commands behind `npm run admin` (users, tokens, e-mail suppressions); each
 * dialect's are in its folder. Each returns the JSON object the CLI prints, or throws an
 * AdminError with a message for stderr. Tests call these directly to build data.
 */
import { createUser } from '../functions/domain/users';
import { clearSuppression, listSuppressions, putSuppression } from '../functions/store/suppressions';
import { createToken } from '../functions/store/tokens';
import { AdminError, type AdminCommandSet, EMAIL, requireUser, text, texts, userView } from './command';

export { AdminError } from './command';

const USERNAME = /^[0-9a-zA-Z-_.]+$/;

export async function addUser(input: { username?: string; email?: string; name?: string; roles?: string[] }) {
  if (!input.username || !USERNAME.test(input.username)) {
    throw new AdminError('--username is required and may hold only letters, digits, "-", "_" and "."');
  }
  if (input.email !== undefined && !EMAIL.test(input.email)) throw new AdminError(`--email "${input.email}" is not an e-mail address`);
  return userView(await createUser({ username: input.username, email: input.email, name: input.name, roles: input.roles }));
}

export async function addToken(input: { user?: string; ttlSeconds?: number }) {
  if (!input.user) throw new AdminError('--user is required');
  const user = await requireUser(input.user);
  return { userId: user._id, authToken: await createToken(user._id, input.ttlSeconds) };
}

export const listEmailSuppressions = async () => ({ suppressions: await listSuppressions() });

export async function addEmailSuppression(input: { email?: string }) {
  if (!input.email || !EMAIL.test(input.email)) throw new AdminError('--email is required');
  const suppression = { email: input.email.toLowerCase(), reason: 'MANUAL' as const, since: new Date().toISOString() };
  await putSuppression(suppression);
  return suppression;
}

export async function clearEmailSuppression(input: { email?: string }) {
  if (!input.email) throw new AdminError('--email is required');
  if (!(await clearSuppression(input.email))) throw new AdminError(`"${input.email}" is not suppressed`);
  return { cleared: input.email.toLowerCase() };
}

export const admin: AdminCommandSet = {
  options: {
    username: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', multiple: true },
    user: { type: 'string' },
    'ttl-seconds': { type: 'string' },
  },
  commands: [
    {
      words: 'user add',
      usage: '--username U [--email E] [--name N] [--role R]...',
      run: (v) => addUser({ username: text(v, 'username'), email: text(v, 'email'), name: text(v, 'name'), roles: texts(v, 'role') }),
    },
    {
      words: 'token add',
      usage: '--user <username|_id> [--ttl-seconds S]',
      run: (v) => addToken({ user: text(v, 'user'), ttlSeconds: text(v, 'ttl-seconds') ? Number(text(v, 'ttl-seconds')) : undefined }),
    },
    { words: 'suppression list', usage: '', run: () => listEmailSuppressions() },
    { words: 'suppression add', usage: '--email E', run: (v) => addEmailSuppression({ email: text(v, 'email') }) },
    { words: 'suppression clear', usage: '--email E', run: (v) => clearEmailSuppression({ email: text(v, 'email') }) },
  ],
};

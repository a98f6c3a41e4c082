/**
 * The core's operator commands behind `npm run admin` (users, tokens, e-mail suppressions); each
 * dialect's are in its folder. Each returns the JSON object the CLI prints, or throws an
 * AdminError with a message for stderr. Tests call these directly to build data.
 */
import { identityUserId } from '../functions/domain/identities';
import { createUser } from '../functions/domain/users';
import { clock } from '../functions/lib/clock';
import { putIdentityLink } from '../functions/store/identities';
import { setUserActive } from '../functions/store/users';
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

/** Disables (or enables again) an account: refused whatever its credentials, minted tokens and outside access tokens alike. */
export async function setUserEnabled(input: { user?: string; enabled: boolean }) {
  if (!input.user) throw new AdminError('--user is required');
  const user = await requireUser(input.user);
  if (!(await setUserActive(user._id, input.enabled))) throw new AdminError(`No user "${input.user}"`);
  return { _id: user._id, username: user.username, active: input.enabled };
}

/**
 * Links an outside identity (issuer and subject, exactly as its tokens carry them) to an existing
 * account: an operator's explicit act, never made by matching e-mail addresses. An account the
 * identity already has of its own takes precedence over the link.
 */
export async function linkIdentity(input: { issuer?: string; subject?: string; user?: string }) {
  if (!input.issuer || !input.subject || !input.user) throw new AdminError('--issuer, --subject and --user are required');
  const user = await requireUser(input.user);
  const identityId = identityUserId(input.issuer, input.subject);
  await putIdentityLink({ identityId, issuer: input.issuer, subject: input.subject, userId: user._id, linkedAt: clock.iso() });
  return { issuer: input.issuer, subject: input.subject, linkedTo: user._id, identityId };
}

export const admin: AdminCommandSet = {
  options: {
    username: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', multiple: true },
    user: { type: 'string' },
    'ttl-seconds': { type: 'string' },
    issuer: { type: 'string' },
    subject: { type: 'string' },
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
    { words: 'user disable', usage: '--user <username|_id>', run: (v) => setUserEnabled({ user: text(v, 'user'), enabled: false }) },
    { words: 'user enable', usage: '--user <username|_id>', run: (v) => setUserEnabled({ user: text(v, 'user'), enabled: true }) },
    {
      words: 'identity link',
      usage: '--issuer <iss> --subject <sub> --user <username|_id>',
      run: (v) => linkIdentity({ issuer: text(v, 'issuer'), subject: text(v, 'subject'), user: text(v, 'user') }),
    },
    { words: 'suppression list', usage: '', run: () => listEmailSuppressions() },
    { words: 'suppression add', usage: '--email E', run: (v) => addEmailSuppression({ email: text(v, 'email') }) },
    { words: 'suppression clear', usage: '--email E', run: (v) => clearEmailSuppression({ email: text(v, 'email') }) },
  ],
};

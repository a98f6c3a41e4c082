/**
 * The webhook commands (`npm run admin -- webhook …`): operator keys for the management API, and
 * the same endpoint operations the API has, through the same rules (domain/webhooks/endpoints.ts).
 */
import { AdminError, type AdminCommandSet, type AdminValues, flag, text, texts } from '../../../admin/command';
import { createUser } from '../../domain/users';
import {
  createEndpoint,
  deleteEndpoint,
  endpointView,
  listAttempts,
  recoverDeliveries,
  requireEndpoint,
  resendDelivery,
  rotateSecret,
  sendTestEvent,
  updateEndpoint,
} from '../../domain/webhooks/endpoints';
import { isServiceError } from '../../errors';
import { createToken } from '../../store/tokens';
import { findUser } from '../../store/users';
import { OPERATOR_ROLE } from './domain/operators';
import { endpointRules, endpointStore, retryQueue } from './handlers/wiring';

/** An operator key: a token of an account holding the operator role (made with it), stored hashed as every token. */
export async function addOperatorKey(input: { name?: string; ttlSeconds?: number }) {
  if (!input.name || !/^[0-9a-zA-Z-_.]+$/.test(input.name)) throw new AdminError('--name is required (letters, digits, "-", "_", ".")');
  const existing = await findUser(input.name);
  if (existing && !existing.roles.includes(OPERATOR_ROLE))
    throw new AdminError(`"${input.name}" is an account without the ${OPERATOR_ROLE} role`);
  const operator = existing ?? (await createUser({ username: input.name, roles: [OPERATOR_ROLE] }));
  return { operator: operator.username, operatorKey: await createToken(operator._id, input.ttlSeconds) };
}

/** The rules' refusals as the CLI prints them. */
const asAdmin = async <T>(run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    if (isServiceError(error) && error.kind !== 'internal') throw new AdminError(error.message);
    throw error;
  }
};

const endpointId = (values: AdminValues) => {
  const id = text(values, 'endpoint');
  if (!id) throw new AdminError('--endpoint is required');
  return id;
};

const nullable = (value: string | undefined) => (value === undefined ? undefined : value === '' ? null : value);

const endpointInput = (values: AdminValues) => ({
  url: text(values, 'url'),
  description: text(values, 'description'),
  eventTypes: texts(values, 'event-type'),
  dialect: nullable(text(values, 'dialect')),
  roomId: nullable(text(values, 'room')),
  contactEmail: nullable(text(values, 'contact')),
  ...(flag(values, 'enable') ? { enabled: true } : flag(values, 'disable') ? { enabled: false } : {}),
});

const filters = '[--description D] [--event-type T]... [--dialect D] [--room R] [--contact E]';

export const admin: AdminCommandSet = {
  options: {
    name: { type: 'string' },
    url: { type: 'string' },
    description: { type: 'string' },
    // Not `--type`: Rocket.Chat's `channel add` has that option (options of all command files share one parser).
    'event-type': { type: 'string', multiple: true },
    dialect: { type: 'string' },
    room: { type: 'string' },
    contact: { type: 'string' },
    endpoint: { type: 'string' },
    event: { type: 'string' },
    since: { type: 'string' },
    limit: { type: 'string' },
    enable: { type: 'boolean' },
    disable: { type: 'boolean' },
  },
  commands: [
    {
      words: 'webhook key',
      usage: '--name N (an operator key for the webhook API; shown once)',
      run: (v) => addOperatorKey({ name: text(v, 'name') }),
    },
    {
      words: 'webhook add',
      usage: `--url U ${filters}`,
      run: (v) =>
        asAdmin(() => {
          const input = endpointInput(v);
          if (!input.url) throw new AdminError('--url is required');
          return createEndpoint({ ...input, url: input.url }, endpointStore, endpointRules());
        }),
    },
    { words: 'webhook list', usage: '', run: async () => ({ endpoints: (await endpointStore.listEndpoints()).map(endpointView) }) },
    {
      words: 'webhook show',
      usage: '--endpoint ID',
      run: (v) => asAdmin(async () => ({ endpoint: endpointView(await requireEndpoint(endpointId(v), endpointStore)) })),
    },
    {
      words: 'webhook update',
      usage: `--endpoint ID [--url U] ${filters} [--enable | --disable] ("" clears a filter)`,
      run: (v) => asAdmin(() => updateEndpoint(endpointId(v), endpointInput(v), endpointStore, endpointRules())),
    },
    { words: 'webhook delete', usage: '--endpoint ID', run: (v) => asAdmin(() => deleteEndpoint(endpointId(v), endpointStore)) },
    {
      words: 'webhook rotate',
      usage: '--endpoint ID (a new secret; the old one signs 24 hours more)',
      run: (v) => asAdmin(() => rotateSecret(endpointId(v), endpointStore, endpointRules())),
    },
    {
      words: 'webhook test',
      usage: '--endpoint ID',
      run: (v) => asAdmin(() => sendTestEvent(endpointId(v), endpointStore, retryQueue(), endpointRules())),
    },
    {
      words: 'webhook attempts',
      usage: '--endpoint ID [--limit N]',
      run: (v) =>
        asAdmin(() => listAttempts(endpointId(v), Math.min(100, Math.max(1, Number(text(v, 'limit') ?? 50) || 50)), endpointStore)),
    },
    {
      words: 'webhook recover',
      usage: '--endpoint ID --since ISO-TIME',
      run: (v) =>
        asAdmin(() => {
          const since = text(v, 'since');
          if (!since || Number.isNaN(Date.parse(since))) throw new AdminError('--since is required: an ISO time (2026-12-01T00:00:00Z)');
          return recoverDeliveries(endpointId(v), new Date(since).toISOString(), endpointStore, retryQueue());
        }),
    },
    {
      words: 'webhook resend',
      usage: '--endpoint ID --event EVENT_ID',
      run: (v) =>
        asAdmin(() => {
          const event = text(v, 'event');
          if (!event) throw new AdminError('--event is required');
          return resendDelivery(endpointId(v), event, endpointStore, retryQueue());
        }),
    },
  ],
};

/**
 * `npm run --silent admin -- <command>`: one JSON object on stdout (exit 0) or a message on
 * stderr (exit 1). The running `npm start`'s table by default (found from its state file), or
 * DYNAMODB_ENDPOINT + TABLE_NAME; `--table <name>` uses a deployed table with the ambient AWS
 * credentials (region from AWS_REGION or the profile).
 */
import { parseArgs } from 'node:util';
import { useRunningDynamoDb } from '../local/environment';

const usage = `usage: npm run --silent admin -- <command> [--table <name>]
  user add --username U [--email E] [--name N] [--role R]...
  token add --user <username|_id> [--ttl-seconds S]
  client add --name N
  channel add --name N [--type c|p] [--owner U] [--member U]... [--moderator U]... [--archived]
  channel remove-member --channel <_id|name> --user U
  channel show --channel <_id|name>
  group add --name N --admin U [--member U]... [--url URL] [--description D] [--public]
  group show --group <id>
  group rotate-link --group <id>
  invitation list --group <id>
  invitation revoke --group <id> (--user U | --email E)
  invitation resend --group <id> (--user U | --email E)
  setting list
  setting set <id> (--value V | --reset)
  suppression list
  suppression add --email E
  suppression clear --email E
  berty-group add --member U [--member U]...
  permission set <permission> --roles r1,r2`;

const options = {
  table: { type: 'string' },
  username: { type: 'string' },
  email: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string', multiple: true },
  user: { type: 'string' },
  'ttl-seconds': { type: 'string' },
  type: { type: 'string' },
  owner: { type: 'string' },
  member: { type: 'string', multiple: true },
  moderator: { type: 'string', multiple: true },
  archived: { type: 'boolean' },
  channel: { type: 'string' },
  admin: { type: 'string' },
  group: { type: 'string' },
  roles: { type: 'string' },
  url: { type: 'string' },
  description: { type: 'string' },
  public: { type: 'boolean' },
  value: { type: 'string' },
  reset: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function main(): Promise<unknown> {
  const { values, positionals } = parseArgs({ options, allowPositionals: true });
  if (values.help || positionals.length === 0) throw new Error(usage);
  if (values.table) {
    process.env.TABLE_NAME = values.table;
    delete process.env.DYNAMODB_ENDPOINT;
  } else {
    useRunningDynamoDb('admin');
  }
  // Imported after the environment is set: the store reads it at module load.
  const admin = await import('./commands');
  const [noun, verb, argument] = positionals;
  switch (`${noun} ${verb}`) {
    case 'user add':
      return admin.addUser({ username: values.username, email: values.email, name: values.name, roles: values.role });
    case 'token add':
      return admin.addToken({ user: values.user, ttlSeconds: values['ttl-seconds'] ? Number(values['ttl-seconds']) : undefined });
    case 'client add':
      return admin.addClient({ name: values.name });
    case 'channel add':
      return admin.addChannel({
        name: values.name,
        type: values.type,
        owner: values.owner,
        members: values.member,
        moderators: values.moderator,
        archived: values.archived,
      });
    case 'channel remove-member':
      return admin.removeChannelMember({ channel: values.channel, user: values.user });
    case 'channel show':
      return admin.showChannel({ channel: values.channel });
    case 'group add':
      return admin.addGroup({
        name: values.name,
        admin: values.admin,
        members: values.member,
        url: values.url,
        description: values.description,
        isPublic: values.public,
      });
    case 'group rotate-link':
      return admin.rotateGroupLink({ group: values.group });
    case 'invitation revoke':
      return admin.revokeInvitation({ group: values.group, user: values.user, email: values.email });
    case 'invitation resend':
      return admin.resendInvitation({ group: values.group, user: values.user, email: values.email });
    case 'setting list':
      return admin.listEmailSettings();
    case 'setting set':
      return admin.setEmailSetting({ id: argument, value: values.value, reset: values.reset });
    case 'suppression list':
      return admin.listEmailSuppressions();
    case 'suppression add':
      return admin.addEmailSuppression({ email: values.email });
    case 'suppression clear':
      return admin.clearEmailSuppression({ email: values.email });
    case 'group show':
      return admin.showGroup({ group: values.group });
    case 'berty-group add':
      return admin.addBertyGroup({ members: values.member });
    case 'invitation list':
      return admin.listInvitations({ group: values.group });
    case 'permission set':
      return admin.setPermission({ permission: argument, roles: values.roles });
    default:
      throw new Error(`unknown command "${positionals.join(' ')}"\n${usage}`);
  }
}

main().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
  },
  (error: unknown) => {
    const e = error as { name?: string; message?: string; code?: string };
    const message =
      e.code === 'ECONNREFUSED' || e.name === 'ECONNREFUSED'
        ? `cannot reach DynamoDB at ${process.env.DYNAMODB_ENDPOINT}: is \`npm start\` running?`
        : (e.message ?? String(error));
    process.stderr.write(`${message}\n`);
    process.exitCode = 1;
  },
);

/** `npm run admin` as a process: one JSON object on stdout and exit 0, or a message on stderr and exit 1. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { unique } from '../support/fixtures';
import { request } from '../support/http';

const root = resolve(import.meta.dirname, '../..');

function admin(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'admin/cli.ts', ...args], {
    cwd: root,
    env: process.env,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('admin CLI', () => {
  test('creates a user, a token, a channel; the token works on the API; errors go to stderr', async () => {
    const name = unique('cli');
    const created = admin('user', 'add', '--username', name, '--email', `${name}@example.com`, '--role', 'admin');
    expect(created.status).toBe(0);
    const user = JSON.parse(created.stdout);
    expect(user).toEqual({
      _id: expect.stringMatching(/^[23456789A-Za-z]{17}$/),
      userId: expect.any(Number),
      username: name,
      email: `${name}@example.com`,
      roles: ['admin'],
    });

    const token = JSON.parse(admin('token', 'add', '--user', name).stdout);
    expect(token).toEqual({ userId: user._id, authToken: expect.stringMatching(new RegExp(`^${user._id}\\.[\\w-]{43}$`)) });

    const invitee = JSON.parse(admin('user', 'add', '--username', unique('cli-invitee')).stdout);
    const channel = JSON.parse(admin('channel', 'add', '--name', unique('cli-room'), '--owner', name).stdout);
    expect(channel).toMatchObject({ t: 'c', usersCount: 1, msgs: 0 });

    const response = await request('POST', '/api/v1/channels.invite', {
      headers: { 'X-Auth-Token': token.authToken, 'X-User-Id': token.userId },
      body: { roomName: channel.name, username: invitee.username },
    });
    expect(response.status).toBe(200);

    const shown = JSON.parse(admin('channel', 'show', '--channel', channel.name).stdout);
    expect(shown.members.map((m: { username: string }) => m.username).sort()).toEqual([name, invitee.username].sort());

    const duplicate = admin('user', 'add', '--username', name);
    expect(duplicate).toMatchObject({ status: 1, stdout: '' });
    expect(duplicate.stderr).toBe(`Username "${name}" is already in use\n`);

    const unknown = admin('channel', 'frobnicate');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('unknown command "channel frobnicate"');
  }, 60_000);

  test('permission set and client add', () => {
    const permission = JSON.parse(admin('permission', 'set', 'api-bypass-rate-limit', '--roles', 'admin,bot,app').stdout);
    expect(permission).toEqual({ _id: 'api-bypass-rate-limit', roles: ['admin', 'bot', 'app'] });
    expect(JSON.parse(admin('client', 'add', '--name', 'cli-app').stdout)).toEqual({
      clientId: expect.stringMatching(/^\w{24}$/),
      name: 'cli-app',
    });
  }, 30_000);

  test('says what is wrong when DynamoDB is unreachable', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'admin/cli.ts', 'user', 'add', '--username', 'x'], {
      cwd: root,
      env: { ...process.env, DYNAMODB_ENDPOINT: 'http://127.0.0.1:9', DYNAMODB_MAX_ATTEMPTS: '1' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('cannot reach DynamoDB at http://127.0.0.1:9');
  }, 30_000);
});

describe('finding the running npm start', () => {
  const withoutEndpoint = (extra: Record<string, string>) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
    delete env.DYNAMODB_ENDPOINT;
    delete env.TABLE_NAME;
    return env;
  };
  const run = (script: string, args: string[], env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env, encoding: 'utf8' });

  test('admin and invoke use the running service from its state file, whatever PORT and DYNAMODB_PORT say', () => {
    const env = withoutEndpoint({ PORT: '1', DYNAMODB_PORT: '9' });
    const name = unique('found');
    const created = run('admin/cli.ts', ['user', 'add', '--username', name], env);
    expect(created.stderr).toBe('');
    expect(JSON.parse(created.stdout)).toMatchObject({ username: name });
    const invoked = run('local/invoke.ts', ['rocketchat-validate-invite-token', 'events/rocketchat-validate-invite-token.json'], env);
    expect(invoked.status).toBe(0);
    expect(JSON.parse(invoked.stdout)).toMatchObject({ statusCode: 200 });
  }, 60_000);

  test('no running service: a clear message and exit 1, never a guessed port', () => {
    const empty = mkdtempSync(resolve(tmpdir(), 'no-service-'));
    try {
      const env = withoutEndpoint({ INVITES_STATE_DIR: empty, DYNAMODB_PORT: String(new URL(process.env.DYNAMODB_ENDPOINT!).port) });
      for (const [script, args, tool] of [
        ['admin/cli.ts', ['user', 'add', '--username', unique('nowhere')], 'admin'],
        ['local/invoke.ts', ['rocketchat-validate-invite-token', 'events/rocketchat-validate-invite-token.json'], 'invoke'],
      ] as const) {
        const result = run(script, [...args], env);
        expect(result.status, script).toBe(1);
        expect(result.stdout, script).toBe('');
        expect(result.stderr, script).toContain(`${tool}: no running \`npm start\` found (${resolve(empty, 'running.json')})`);
      }
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }, 60_000);
});

/**
 * Rocket.Chat's own e2e invite tests (apps/meteor/tests/end-to-end/api/invites.ts, the 8.x file
 * with the banned-user cases; search index id 55074870722), ported case by case, for both
 * generations of clients: 8.x with a secret `inviteToken` apart from the link's `_id` (this
 * service's default), and 7.x clients, which send the `_id` as the token (a stage with
 * RC_INVITE_TOKENS=id). Each runs against its own `npm start` (from the bundles when the suite
 * runs against them), with the demo data standing in for upstream's fixtures: the demo admin for
 * upstream's admin credentials, #general for GENERAL, the private group demo-private for the
 * room a test creates, dave for the user it creates and bans.
 * Deviations from the upstream file, each because of the fixtures: "listInvites returns the
 * existing invite" finds it in the list (the demo seeds two more links; upstream's table holds one);
 * nothing is deleted after the ban cases (the service is thrown away).
 * The cases after the port check what the newest upstream file adds for the split (a UUID token
 * apart from the `_id`, no token in listInvites, the `_id` refused as a token), and the paths a
 * ban closes beside links.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ApiResponse, request } from '../support/http';
import { type OwnService, startOwnService } from '../support/own-service';

const UUID = /^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/;

const generations = [
  { name: '8.x clients: a separate inviteToken (default)', env: {}, tokenOf: (body: any): string => body.inviteToken },
  {
    name: '7.x clients: the _id is the token (RC_INVITE_TOKENS=id)',
    env: { RC_INVITE_TOKENS: 'id' },
    tokenOf: (body: any): string => body._id,
  },
] as const;

describe.each(generations)('Invites, $name', ({ env, tokenOf }) => {
  let service: OwnService;
  let vars: Record<string, string>;
  let credentials: Record<string, string>;
  const api = (path: string) => `/api/v1/${path}`;
  const call = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown): Promise<ApiResponse> =>
    request(method, api(path), { baseUrl: service.url, headers, body });
  const as = (name: string) => ({ 'X-Auth-Token': vars[`${name}Token`]!, 'X-User-Id': vars[`${name}Id`]! });

  beforeAll(async () => {
    service = await startOwnService({ env, synthesized: process.env.INVITES_SERVICE === 'synthesized' });
    vars = JSON.parse(readFileSync(resolve(service.stateDir, 'demo-vars.json'), 'utf8'));
    credentials = as('admin');
  }, 120_000);
  afterAll(async () => {
    await service?.stop();
  });

  let testInviteID: string;
  let testInviteToken: string;

  describe('POST [/findOrCreateInvite]', () => {
    test('should fail if not logged in', async () => {
      const res = await call('POST', 'findOrCreateInvite', {}, { rid: vars.channelId, days: 1, maxUses: 10 });
      expect(res.status).toBe(401);
      expect(res.json).toHaveProperty('status', 'error');
      expect(res.json).toHaveProperty('message');
    });

    test('should fail if invalid roomid', async () => {
      const res = await call('POST', 'findOrCreateInvite', credentials, { rid: 'invalid', days: 1, maxUses: 10 });
      expect(res.status).toBe(400);
      expect(res.json).toHaveProperty('success', false);
      expect(res.json).toHaveProperty('errorType', 'error-invalid-room');
    });

    test('should create an invite for GENERAL', async () => {
      const res = await call('POST', 'findOrCreateInvite', credentials, { rid: vars.channelId, days: 1, maxUses: 10 });
      expect(res.status).toBe(200);
      expect(res.json).toHaveProperty('success', true);
      expect(res.json).toHaveProperty('days', 1);
      expect(res.json).toHaveProperty('maxUses', 10);
      expect(res.json).toHaveProperty('uses');
      expect(res.json).toHaveProperty('_id');
      testInviteID = res.json._id;
      testInviteToken = tokenOf(res.json);
    });

    test('should return an existing invite for GENERAL', async () => {
      const res = await call('POST', 'findOrCreateInvite', credentials, { rid: vars.channelId, days: 1, maxUses: 10 });
      expect(res.status).toBe(200);
      expect(res.json).toHaveProperty('success', true);
      expect(res.json).toHaveProperty('days', 1);
      expect(res.json).toHaveProperty('maxUses', 10);
      expect(res.json).toHaveProperty('uses');
      expect(res.json).toHaveProperty('_id', testInviteID);
    });
  });

  describe('GET [/listInvites]', () => {
    test('should fail if not logged in', async () => {
      const res = await call('GET', 'listInvites');
      expect(res.status).toBe(401);
      expect(res.json).toHaveProperty('status', 'error');
      expect(res.json).toHaveProperty('message');
    });

    test('should return the existing invite for GENERAL', async () => {
      const res = await call('GET', 'listInvites', credentials);
      expect(res.status).toBe(200);
      expect(res.json.find((invite: { _id: string }) => invite._id === testInviteID)).toHaveProperty('_id', testInviteID);
    });
  });

  describe('POST [/useInviteToken]', () => {
    test('should fail if not logged in', async () => {
      const res = await call('POST', 'useInviteToken');
      expect(res.status).toBe(401);
      expect(res.json).toHaveProperty('status', 'error');
      expect(res.json).toHaveProperty('message');
    });

    test('should fail if invalid token', async () => {
      const res = await call('POST', 'useInviteToken', credentials, { token: 'invalid' });
      expect(res.status).toBe(400);
      expect(res.json).toHaveProperty('success', false);
      expect(res.json).toHaveProperty('errorType', 'error-invalid-token');
    });

    test('should fail if missing token', async () => {
      const res = await call('POST', 'useInviteToken', credentials, {});
      expect(res.status).toBe(400);
      expect(res.json).toHaveProperty('success', false);
      expect(res.json).toHaveProperty('errorType', 'invalid-params');
    });

    test('should use the existing invite for GENERAL', async () => {
      const res = await call('POST', 'useInviteToken', credentials, { token: testInviteToken });
      expect(res.status).toBe(200);
      expect(res.json).toHaveProperty('success', true);
    });
  });

  describe('POST [/validateInviteToken]', () => {
    test('should warn if invalid token', async () => {
      const res = await call('POST', 'validateInviteToken', credentials, { token: 'invalid' });
      expect(res.status).toBe(200);
      expect(res.json).toHaveProperty('success', true);
      expect(res.json).toHaveProperty('valid', false);
    });

    test('should succeed when valid token', async () => {
      const res = await call('POST', 'validateInviteToken', credentials, { token: testInviteToken });
      expect(res.status).toBe(200);
      expect(res.json).toHaveProperty('success', true);
      expect(res.json).toHaveProperty('valid', true);
    });
  });

  describe('POST [/useInviteToken] - banned user', () => {
    let inviteToken: string;

    beforeAll(async () => {
      const room = vars.privateGroupId;
      // Add user then ban them
      expect((await call('POST', 'groups.invite', credentials, { roomId: room, userId: vars.daveId })).status).toBe(200);
      expect((await call('POST', 'rooms.banUser', credentials, { roomId: room, userId: vars.daveId })).status).toBe(200);
      // Create invite link for the room
      const invite = await call('POST', 'findOrCreateInvite', credentials, { rid: room, days: 1, maxUses: 10 });
      expect(invite.status).toBe(200);
      inviteToken = tokenOf(invite.json);
    });

    test('should fail if user is banned from the room', async () => {
      const res = await call('POST', 'useInviteToken', as('dave'), { token: inviteToken });
      expect(res.status).toBe(400);
      expect(res.json).toHaveProperty('success', false);
      expect(res.json).toHaveProperty('errorType', 'error-user-is-banned');
    });

    test('should succeed after the user is unbanned', async () => {
      expect((await call('POST', 'rooms.unbanUser', credentials, { roomId: vars.privateGroupId, userId: vars.daveId })).status).toBe(200);
      const res = await call('POST', 'useInviteToken', as('dave'), { token: inviteToken });
      expect(res.status).toBe(200);
      expect(res.json).toHaveProperty('success', true);
      expect(res.json.room).toHaveProperty('rid', vars.privateGroupId);
    });
  });

  describe('DELETE [/removeInvite]', () => {
    test('should fail if not logged in', async () => {
      const res = await call('DELETE', `removeInvite/${testInviteID}`);
      expect(res.status).toBe(401);
      expect(res.json).toHaveProperty('status', 'error');
      expect(res.json).toHaveProperty('message');
    });

    test('should fail if invalid token', async () => {
      const res = await call('DELETE', 'removeInvite/invalid', credentials);
      expect(res.status).toBe(400);
      expect(res.json).toHaveProperty('success', false);
      expect(res.json).toHaveProperty('errorType', 'invalid-invitation-id');
    });

    test('should succeed when valid token', async () => {
      const res = await call('DELETE', `removeInvite/${testInviteID}`, credentials);
      expect(res.status).toBe(200);
      expect(res.json).toBe(true);
    });

    test('should fail when deleting the same invite again', async () => {
      const res = await call('DELETE', `removeInvite/${testInviteID}`, credentials);
      expect(res.status).toBe(400);
      expect(res.json).toHaveProperty('success', false);
      expect(res.json).toHaveProperty('errorType', 'invalid-invitation-id');
    });
  });

  describe('the token apart from the id (8.x), or the id as the token (7.x)', () => {
    test('a new link: its token, its URL, what listInvites shows, what removeInvite takes', async () => {
      const made = (await call('POST', 'findOrCreateInvite', credentials, { rid: vars.channelId, days: 7, maxUses: 25 })).json;
      const token = tokenOf(made);
      expect(made.url).toMatch(new RegExp(`/invite/${token}$`));
      const listed = (await call('GET', 'listInvites', credentials)).json as Record<string, unknown>[];
      const entry = listed.find((invite) => invite._id === made._id)!;
      if ('RC_INVITE_TOKENS' in env) {
        // 7.x: the `_id` is the token, listed as the link's id; no separate token.
        expect(made).not.toHaveProperty('inviteToken');
        expect(entry).toMatchObject({ _id: token, url: '' });
      } else {
        expect(made._id).toMatch(/^[\da-f]{16}$/);
        expect(token).toMatch(UUID);
        expect(token).not.toBe(made._id);
        expect(entry).not.toHaveProperty('inviteToken');
        expect(entry).not.toHaveProperty('url');
        expect(JSON.stringify(listed)).not.toContain(token);
        // The public id is no token, and the token no id.
        expect((await call('POST', 'validateInviteToken', {}, { token: made._id })).json).toEqual({ valid: false, success: true });
        expect((await call('POST', 'useInviteToken', as('carol'), { token: made._id })).json).toMatchObject({
          errorType: 'error-invalid-token',
        });
        expect((await call('DELETE', `removeInvite/${token}`, credentials)).json).toMatchObject({ errorType: 'invalid-invitation-id' });
      }
      expect((await call('POST', 'useInviteToken', as('carol'), { token })).json).toMatchObject({
        success: true,
        room: { rid: vars.channelId },
      });
      expect((await call('DELETE', `removeInvite/${made._id}`, credentials)).json).toBe(true);
    });

    test('a ban closes channels.invite and groups.invite too (error-user-is-banned), and rooms.bannedUsers lists it', async () => {
      expect((await call('POST', 'rooms.banUser', credentials, { roomId: vars.channelId, username: 'erin' })).status).toBe(200);
      const listed = await request('GET', `/api/v1/rooms.bannedUsers?roomId=${vars.channelId}`, {
        baseUrl: service.url,
        headers: credentials,
      });
      expect(listed.json).toMatchObject({ bannedUsers: [{ _id: vars.erinId, username: 'erin' }], total: 1, success: true });
      for (const route of ['channels.invite', 'groups.invite']) {
        const roomId = route === 'channels.invite' ? vars.channelId : vars.privateGroupId;
        if (route === 'groups.invite') await call('POST', 'rooms.banUser', credentials, { roomId, userId: vars.erinId });
        const res = await call('POST', route, credentials, { roomId, usernames: ['erin'] });
        expect(res.status, route).toBe(400);
        expect(res.json, route).toEqual({
          success: false,
          error: 'User is banned from this room [error-user-is-banned]',
          errorType: 'error-user-is-banned',
          details: { method: 'addUsersToRoom' },
        });
      }
      await call('POST', 'rooms.unbanUser', credentials, { roomId: vars.channelId, userId: vars.erinId });
      expect((await call('POST', 'channels.invite', credentials, { roomId: vars.channelId, userId: vars.erinId })).status).toBe(200);
    });
  });
});

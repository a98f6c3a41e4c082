/** Regression tests for the findings of a hostile-input review (each as it was reported). */
import { request as httpRequest } from 'node:http';
import { describe, expect, test } from 'vitest';
import { showChannel } from '../../functions/dialects/rocketchat/admin';
import * as fixtures from '../support/fixtures';
import { apiUrl, request } from '../support/http';

/** A request with repeated headers (fetch would join them itself; node:http sends each). */
function rawRequest(method: string, path: string, headers: [string, string][], body?: string) {
  const grouped: Record<string, string[]> = {};
  for (const [name, value] of headers) (grouped[name] ??= []).push(value);
  return new Promise<{ status: number; json: any }>((resolve, reject) => {
    const req = httpRequest(`${apiUrl()}${path}`, { method, headers: grouped }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('hostile-input findings', () => {
  test('1. the 1,000-user cap counts all lists together: 1,000 userIds + 300 usernames are refused, nothing added', async () => {
    const owner = await fixtures.user();
    const room = await fixtures.channel({ owner });
    const users = await fixtures.manyUsers(300);
    const body = {
      roomId: room._id,
      userIds: Array.from({ length: 1000 }, (_, i) => `no-such-user-${i}`),
      usernames: users.map((u) => u.username),
    };
    const response = await request('POST', '/api/v1/channels.invite', { headers: owner.headers, body });
    expect({ status: response.status, json: response.json }).toEqual({
      status: 400,
      json: { success: false, error: 'at most 1000 users can be invited at once' },
    });
    expect((await showChannel({ channel: room._id })).usersCount).toBe(1);
    const group = await fixtures.channel({ owner, type: 'p' });
    // groups.invite reads userIds OR usernames (upstream's rule): here 1,000 ids, none of them known.
    const viaGroups = await request('POST', '/api/v1/groups.invite', { headers: owner.headers, body: { ...body, roomId: group._id } });
    expect(viaGroups.json.errorType).toBe('error-empty-invite-list');
    const tooMany = await request('POST', '/api/v1/groups.invite', {
      headers: owner.headers,
      body: { roomId: group._id, userIds: body.userIds, userId: 'one-more' },
    });
    expect(tooMany.json).toEqual({ success: false, error: 'at most 1000 users can be invited at once' });
  }, 60_000);

  test("2. a malformed percent-encoding in a path: the dialect's envelope, not a 500", async () => {
    const caller = await fixtures.user();
    const client = await fixtures.clientId();
    const response = await request('PUT', '/v1/groups/%ZZ/inviteUser', {
      headers: fixtures.quranHeaders(caller, client),
      body: { userId: 1 },
    });
    expect({ status: response.status, json: response.json }).toEqual({
      status: 404,
      json: { message: 'Group %ZZ not found', type: 'not_found', success: false },
    });
  });

  test('3. repeated credential headers are ambiguous: 401, whichever comes first', async () => {
    const alice = await fixtures.user();
    const client = await fixtures.clientId();
    const berty = await rawRequest(
      'POST',
      '/protocol/v1/MultiMemberGroupCreate',
      [
        ['Authorization', `Bearer ${alice.authToken}`],
        ['Authorization', 'Bearer bogus'],
        ['Content-Type', 'application/json'],
      ],
      '{}',
    );
    expect(berty.status).toBe(401);
    const quran = await rawRequest(
      'PUT',
      '/v1/groups/1/inviteUser',
      [
        ['x-auth-token', alice.authToken],
        ['x-auth-token', 'bogus'],
        ['x-client-id', client],
        ['Content-Type', 'application/json'],
      ],
      '{"userId":1}',
    );
    expect(quran).toEqual({
      status: 401,
      json: { message: 'The request carries more than one x-auth-token or x-client-id', type: 'unauthorized', success: false },
    });
    const rocket = await rawRequest(
      'POST',
      '/api/v1/channels.invite',
      [
        ['X-Auth-Token', alice.authToken],
        ['X-Auth-Token', 'bogus'],
        ['X-User-Id', alice._id],
        ['Content-Type', 'application/json'],
      ],
      '{}',
    );
    expect(rocket.status).toBe(401);
  });

  test("4. invalid JSON: a fixed message, a position at most, never the body or the parser's text", async () => {
    const caller = await fixtures.user();
    const response = await request('POST', '/api/v1/channels.invite', { headers: caller.headers, rawBody: '{"roomId": "secret-value' });
    expect(response.status).toBe(400);
    expect(response.json.error).toMatch(/^The request body is not valid JSON( \(at position \d+\))?$/);
    expect(response.text).not.toContain('secret-value');
  });
});

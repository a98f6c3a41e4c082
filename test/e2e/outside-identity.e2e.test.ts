/**
 * Access tokens of an outside OIDC issuer (issue 29), from a local issuer started here, against an
 * API served in this worker that trusts it: a never-seen identity gets an account on its first
 * request in every dialect, the same account in all three; 20 racing first requests make one;
 * hostile tokens are refused in each dialect's 401 envelope with nothing created; a rotated key
 * is fetched once the JWKS may be fetched again; keys out of reach answer 503.
 */
import { SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { identityUserId, usernameCandidates } from '../../functions/domain/identities';
import { setClock } from '../../functions/lib/clock';
import { findUserRefByUsername, getUser } from '../../functions/store/users';
import { buildContext, buildEvent } from '../../local/api-gateway-event';
import type { LocalServer } from '../../local/http-server';
import { type LocalIssuer, startLocalIssuer } from '../../local/oidc-issuer';
import { showChannel } from '../../functions/dialects/rocketchat/admin';
import * as fixtures from '../support/fixtures';
import { freePort } from '../support/free-port';
import { request } from '../support/http';
import { startInProcessApi } from '../support/in-process-api';

let issuer: LocalIssuer;
let untrusted: LocalIssuer;
let api: LocalServer;
let jwksFetches = 0;
let client: string;
const unreachableIssuer = { issuer: 'http://127.0.0.1:9/unreachable', audiences: ['invites-local'] };

beforeAll(async () => {
  issuer = await startLocalIssuer();
  untrusted = await startLocalIssuer();
  const closed = await freePort();
  unreachableIssuer.issuer = `http://127.0.0.1:${closed}`;
  process.env.TRUSTED_ISSUERS = JSON.stringify([issuer.trusted, unreachableIssuer]);
  process.env.RATE_LIMIT = 'off';
  api = await startInProcessApi();
  client = await fixtures.clientId();
  // Count the JWKS fetches this API makes of the trusted issuer.
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    if (String(input instanceof Request ? input.url : input) === `${issuer.issuer}/jwks.json`) jwksFetches += 1;
    return realFetch(input, init);
  });
});

afterAll(async () => {
  vi.restoreAllMocks();
  await api?.close();
  await issuer?.stop();
  await untrusted?.stop();
});

let restoreClock: (() => void) | undefined;
afterEach(() => {
  vi.useRealTimers();
  restoreClock?.();
  restoreClock = undefined;
});

const subject = () => fixtures.unique('sub');
const berty = (token: string) =>
  request('POST', '/protocol/v1/MultiMemberGroupCreate', { baseUrl: api.url, headers: { authorization: `Bearer ${token}` }, body: {} });
const rooms = (token: string) =>
  request('POST', '/v1/rooms/groups', {
    baseUrl: api.url,
    headers: { 'x-auth-token': token, 'x-client-id': client },
    body: { name: fixtures.unique('circle'), url: fixtures.unique('circle'), public: false },
  });
const rocketChat = (token: string, userId: string, inviteToken: string) =>
  request('POST', '/api/v1/useInviteToken', {
    baseUrl: api.url,
    headers: { 'X-Auth-Token': token, 'X-User-Id': userId },
    body: { token: inviteToken },
  });

/** A public channel of a new owner and a live invite link to it. */
async function inviteLink() {
  const owner = await fixtures.user();
  const room = await fixtures.channel({ owner });
  const link = await request('POST', '/api/v1/findOrCreateInvite', {
    baseUrl: api.url,
    headers: owner.headers,
    body: { rid: room._id, days: 1, maxUses: 0 },
  });
  expect(link.status, link.text).toBe(200);
  return { room, token: String(link.json.inviteToken) };
}

describe('a never-seen identity', () => {
  test('gets an account on its first request in each dialect (200), and the same one in all three', async () => {
    const sub = subject();
    const token = await issuer.mint(sub, { preferred_username: 'Ada Lovelace', name: 'Ada' });
    const id = identityUserId(issuer.issuer, sub);
    expect(await getUser(id)).toBeUndefined();

    const created = await berty(token);
    expect(created.status, created.text).toBe(200);
    const account = (await getUser(id))!;
    expect(account).toMatchObject({ _id: id, name: 'Ada', roles: ['user'], active: true });
    expect(account.username).toMatch(/^Ada-Lovelace(-\w+)?$/);

    const group = await rooms(token);
    expect(group.status, group.text).toBe(201);
    const { room, token: inviteToken } = await inviteLink();
    // X-User-Id: the account's _id, or the token's own subject.
    expect((await rocketChat(token, sub, inviteToken)).status).toBe(200);
    const members = (await showChannel({ channel: room._id })).members.map((member) => member._id);
    expect(members).toContain(id);
    expect((await getUser(id))!.userId).toBe(account.userId);
  });

  test('in Rocket.Chat too, as its first request; an X-User-Id of someone else is refused', async () => {
    const sub = subject();
    const token = await issuer.mint(sub);
    const { token: inviteToken } = await inviteLink();
    const other = await fixtures.user();
    const refused = await rocketChat(token, other._id, inviteToken);
    expect([refused.status, refused.json]).toEqual([
      401,
      expect.objectContaining({ success: false, error: 'You must be logged in to do this.' }),
    ]);
    expect((await rocketChat(token, identityUserId(issuer.issuer, sub), inviteToken)).status).toBe(200);
  });

  test('20 racing first requests make one account', async () => {
    const sub = subject();
    const name = fixtures.unique('racer');
    const token = await issuer.mint(sub, { preferred_username: name });
    const answers = await Promise.all(Array.from({ length: 20 }, () => berty(token)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    const id = identityUserId(issuer.issuer, sub);
    const account = (await getUser(id))!;
    expect(account.username).toBe(name);
    // No second account under a fallback name.
    for (const fallback of usernameCandidates(name, id).slice(1)) expect(await findUserRefByUsername(fallback), fallback).toBeUndefined();
    // Every request acted as that one account: the 20 groups are all its own (Berty's leave works for each).
    for (const answer of answers.slice(0, 3)) {
      const leave = await request('POST', '/protocol/v1/MultiMemberGroupLeave', {
        baseUrl: api.url,
        headers: { authorization: `Bearer ${token}` },
        body: { group_pk: answer.json.group_pk },
      });
      expect(leave.status, leave.text).toBe(200);
    }
  });

  test('a verified e-mail comes along; an unverified one does not', async () => {
    const verified = subject();
    const unverified = subject();
    await berty(await issuer.mint(verified, { email: `${verified}@example.com`, email_verified: true }));
    await berty(await issuer.mint(unverified, { email: `${unverified}@example.com` }));
    expect((await getUser(identityUserId(issuer.issuer, verified)))!.email).toBe(`${verified}@example.com`);
    expect((await getUser(identityUserId(issuer.issuer, unverified)))!.email).toBeUndefined();
  });
});

describe('hostile tokens: refused as an unknown token is in each dialect (Berty and Rocket.Chat 401, QuranReflect 403), no account made', () => {
  const cases: [string, (sub: string) => Promise<string>][] = [
    [
      'alg none',
      async (sub) => new UnsecuredJWT({ aud: 'invites-local' }).setIssuer(issuer.issuer).setSubject(sub).setExpirationTime('1h').encode(),
    ],
    [
      'HS256 keyed with the public key',
      async (sub) => {
        const { publicJwk } = await issuer.signingKey();
        return new SignJWT({ aud: 'invites-local' })
          .setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid })
          .setIssuer(issuer.issuer)
          .setSubject(sub)
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
      },
    ],
    [
      'unknown kid',
      async (sub) => {
        const { privateKey } = await issuer.signingKey();
        return new SignJWT({ aud: 'invites-local' })
          .setProtectedHeader({ alg: 'RS256', kid: 'nobody-knows-me' })
          .setIssuer(issuer.issuer)
          .setSubject(sub)
          .setExpirationTime('1h')
          .sign(privateKey);
      },
    ],
    ['expired', (sub) => issuer.mint(sub, { exp: Math.floor(Date.now() / 1000) - 120 })],
    ['nbf in the future', (sub) => issuer.mint(sub, { nbf: Math.floor(Date.now() / 1000) + 600 })],
    ['iat in the future', (sub) => issuer.mint(sub, { iat: Math.floor(Date.now() / 1000) + 600 })],
    [
      'wrong iss (signed with the trusted key)',
      async (sub) => {
        const { kid, privateKey } = await issuer.signingKey();
        return new SignJWT({ aud: 'invites-local' })
          .setProtectedHeader({ alg: 'RS256', kid })
          .setIssuer('https://evil.example')
          .setSubject(sub)
          .setExpirationTime('1h')
          .sign(privateKey);
      },
    ],
    ['wrong aud', (sub) => issuer.mint(sub, { aud: 'someone-else' })],
    ['a valid token of an untrusted issuer', (sub) => untrusted.mint(sub)],
    ['a sub of 1,000 characters', () => issuer.mint('s'.repeat(1000))],
  ];

  test.each(cases)('%s', async (_name, make) => {
    const sub = subject();
    const token = await make(sub);
    const answers = [
      await berty(token),
      await rooms(token),
      await request('POST', '/api/v1/channels.invite', {
        baseUrl: api.url,
        headers: { 'X-Auth-Token': token, 'X-User-Id': sub },
        body: { roomId: 'x', userId: 'y' },
      }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([401, 403, 401]);
    expect(answers[0]!.json).toMatchObject({ code: 16 });
    expect(answers[1]!.json).toEqual({
      message: 'The access token or client id is invalid, revoked or expired',
      type: 'forbidden',
      success: false,
    });
    expect(answers[2]!.json).toMatchObject({ success: false, error: 'You must be logged in to do this.' });
    expect(await getUser(identityUserId(issuer.issuer, sub))).toBeUndefined();
  });
});

test('a 16 KB token: refused by the bound before any parsing (sent to the function itself: over HTTP, Node and API Gateway refuse headers that large first)', async () => {
  const { handler } = await import('../../functions/dialects/berty/handlers/group-create');
  const sub = subject();
  const token = await issuer.mint(sub, { padding: 'x'.repeat(16 * 1024) });
  const route = handler.route;
  const event = buildEvent(route, { method: route.method, path: route.path, headers: { authorization: `Bearer ${token}` }, body: '{}' });
  const answer = await handler(event, buildContext(route));
  expect(answer.statusCode).toBe(401);
  expect(JSON.parse(String(answer.body))).toMatchObject({ code: 16 });
  expect(await getUser(identityUserId(issuer.issuer, sub))).toBeUndefined();
});

describe("the issuer's keys", () => {
  test('a rotated key (new kid) is accepted once the JWKS may be fetched again (at most once a minute), not before', async () => {
    await berty(await issuer.mint(subject())); // keys fetched and cached
    await issuer.rotate();
    const token = await issuer.mint(subject());
    const fetchesBefore = jwksFetches;
    // Within the minute: the unknown kid does not make it fetch again. (jose keeps its cooldown by
    // Date; the service's clock follows the faked Date too.)
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    restoreClock = setClock(() => Date.now());
    expect((await berty(token)).status).toBe(401);
    expect(jwksFetches).toBeLessThanOrEqual(fetchesBefore + 1);
    const fetchesWithin = jwksFetches;
    expect((await berty(token)).status).toBe(401);
    expect(jwksFetches).toBe(fetchesWithin);
    // A minute later: one fetch, and the new key is known.
    vi.setSystemTime(Date.now() + 61_000);
    const fresh = await issuer.mint(subject());
    expect((await berty(fresh)).status).toBe(200);
    expect(jwksFetches).toBe(fetchesWithin + 1);
  });

  test('keys out of reach, none cached: 503 in the dialect envelope, never a 500', async () => {
    const { privateKey } = await issuer.signingKey();
    const token = await new SignJWT({ aud: 'invites-local' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k' })
      .setIssuer(unreachableIssuer.issuer)
      .setSubject(subject())
      .setExpirationTime('1h')
      .sign(privateKey);
    const answer = await berty(token);
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ code: 14 });
  });

  test('a disabled account is refused whatever its token says', async () => {
    const sub = subject();
    const token = await issuer.mint(sub);
    expect((await berty(token)).status).toBe(200);
    const { setUserActive } = await import('../../functions/store/users');
    await setUserActive(identityUserId(issuer.issuer, sub), false);
    // The account cache holds it up to its TTL (AUTH_CACHE_TTL_MS, 10 s): past it, the lookup is fresh.
    const restore = setClock(Date.now() + 60_000);
    try {
      expect((await berty(token)).status).toBe(401);
    } finally {
      restore();
    }
  });
});

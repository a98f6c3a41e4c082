import { describe, expect, test } from 'vitest';
import { findRoute } from '../../functions/routes';
import { buildEvent, matchPath, queryParameters } from '../../local/api-gateway-event';

describe('matchPath', () => {
  test('literal paths, dots included', () => {
    expect(matchPath('/api/v1/channels.invite', '/api/v1/channels.invite')).toEqual({});
    expect(matchPath('/api/v1/channels.invite', '/api/v1/channelsXinvite')).toBeUndefined();
  });
  test('path parameters are captured and decoded', () => {
    expect(matchPath('/v1/groups/{groupId}/inviteUser', '/v1/groups/12%2034/inviteUser')).toEqual({ groupId: '12 34' });
    expect(matchPath('/v1/groups/{groupId}/inviteUser', '/v1/groups//inviteUser')).toBeUndefined();
  });
});

describe('buildEvent (payload format 2.0)', () => {
  const route = findRoute('rocketchat-channels-invite');
  test('lower-cases headers, joins repeats, splits cookies, keeps text bodies as text', () => {
    const event = buildEvent(route, {
      method: 'POST',
      path: route.path,
      rawQueryString: 'a=1',
      headers: { 'X-Auth-Token': 't', 'X-Multi': ['a', 'b'], Cookie: 'x=1; y=2', 'Content-Type': 'application/json' },
      body: '{"a":1}',
      sourceIp: '10.0.0.1',
    });
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /api/v1/channels.invite',
      rawPath: '/api/v1/channels.invite',
      rawQueryString: 'a=1',
      queryStringParameters: { a: '1' },
      cookies: ['x=1', 'y=2'],
      headers: { 'x-auth-token': 't', 'x-multi': 'a,b', 'content-type': 'application/json' },
      body: '{"a":1}',
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', sourceIp: '10.0.0.1' }, stage: '$default' },
    });
    expect(event.requestContext.time).toMatch(/^\d{2}\/\w{3}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
  });
  test('binary bodies are base64-encoded', () => {
    const event = buildEvent(route, {
      method: 'POST',
      path: route.path,
      headers: { 'content-type': 'application/json' },
      body: Buffer.from([0xff, 0xfe]),
    });
    expect(event).toMatchObject({ body: '//4=', isBase64Encoded: true });
  });
});

/**
 * AWS's documented payload 2.0 example (API Gateway developer guide, "Create AWS Lambda proxy
 * integrations for HTTP APIs"): `rawQueryString` "parameter1=value1&parameter1=value2&parameter2=value",
 * `queryStringParameters` {"parameter1": "value1,value2", "parameter2": "value"}, `cookies`
 * ["cookie1", "cookie2"], `headers` {"header1": "value1", "header2": "value1,value2"}.
 */
describe('payload 2.0 as AWS documents it', () => {
  const route = findRoute('quranreflect-rooms-accept-invite');
  const event = buildEvent(route, {
    method: 'GET',
    path: '/my/path',
    rawQueryString: 'parameter1=value1&parameter1=value2&parameter2=value',
    headers: { Header1: 'value1', Header2: ['value1', 'value2'], Cookie: ['cookie1', 'cookie2'] },
  });

  test('repeated query keys are joined with commas, in order', () => {
    expect(event.rawQueryString).toBe('parameter1=value1&parameter1=value2&parameter2=value');
    expect(event.queryStringParameters).toEqual({ parameter1: 'value1,value2', parameter2: 'value' });
  });
  test('repeated headers are joined with commas; cookies go to `cookies`, not to the headers', () => {
    expect(event.headers).toEqual({ header1: 'value1', header2: 'value1,value2' });
    expect(event.cookies).toEqual(['cookie1', 'cookie2']);
  });
  test('the same header under two spellings is one name with both values', () => {
    const mixed = buildEvent(route, { method: 'GET', path: '/', headers: { 'X-Auth-Token': 'a', 'x-auth-token': 'b' } });
    expect(mixed.headers).toEqual({ 'x-auth-token': 'a,b' });
  });
  test('values are decoded; a key such as __proto__ stays a parameter', () => {
    expect(queryParameters('token=a%2Fb&token=c&__proto__=x&empty')).toEqual({ token: 'a/b,c', ['__proto__']: 'x', empty: '' });
    expect(Object.getPrototypeOf(queryParameters('__proto__=x'))).toBe(Object.prototype);
  });
  test('no query string: no queryStringParameters; no cookie: no cookies', () => {
    const bare = buildEvent(route, { method: 'GET', path: '/' });
    expect(bare).not.toHaveProperty('queryStringParameters');
    expect(bare).not.toHaveProperty('cookies');
  });
});

import { describe, expect, test } from 'vitest';
import { findRoute } from '../../functions/routes';
import { buildEvent, matchPath } from '../../local/api-gateway-event';

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
    const event = buildEvent(route, { method: 'POST', path: route.path, headers: { 'content-type': 'application/json' }, body: Buffer.from([0xff, 0xfe]) });
    expect(event).toMatchObject({ body: '//4=', isBase64Encoded: true });
  });
});

import { describe, expect, test } from 'vitest';
import { rocketChat } from '../../functions/dialects/rocketchat/dialect';
import { ServiceError } from '../../functions/errors';

const render = (error: ServiceError) => {
  const result = rocketChat.renderError(error);
  return { status: result.statusCode, body: JSON.parse(result.body!), headers: result.headers };
};

describe('Rocket.Chat error envelope', () => {
  test('a Meteor error: 400 with "reason [errorType]", errorType and details', () => {
    expect(
      render(new ServiceError('forbidden', 'Not allowed', { code: 'error-not-allowed', details: { method: 'addUsersToRoom' } })),
    ).toEqual({
      status: 400,
      body: {
        success: false,
        error: 'Not allowed [error-not-allowed]',
        errorType: 'error-not-allowed',
        details: { method: 'addUsersToRoom' },
      },
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' },
    });
  });

  test('API.v1.failure(error, errorType): fields as given, no brackets', () => {
    const error = new ServiceError('invalid_request', 'Cannot invite if no users are provided', {
      code: 'invalid-user-invite-list',
      rocketChatFailure: true,
    });
    expect(render(error).body).toEqual({
      success: false,
      error: 'invalid-user-invite-list',
      errorType: 'Cannot invite if no users are provided',
    });
  });

  test('a param type error: 400 with the message only', () => {
    expect(render(new ServiceError('invalid_request', 'userIds: expected array')).body).toEqual({
      success: false,
      error: 'userIds: expected array',
    });
  });

  test('401, 429 and the upstream statuses', () => {
    expect(render(new ServiceError('unauthenticated', 'x'))).toMatchObject({
      status: 401,
      body: { success: false, error: 'You must be logged in to do this.', status: 'error', message: 'You must be logged in to do this.' },
    });
    expect(render(new ServiceError('rate_limited', 'x', { retryAfterSeconds: 42 })).body).toEqual({
      success: false,
      error:
        'Error, too many requests. Please slow down. You must wait 42 seconds before trying this endpoint again. [error-too-many-requests]',
    });
    expect(render(new ServiceError('unavailable', 'secret detail')).status).toBe(503);
    expect(render(new ServiceError('timeout', 'secret detail')).status).toBe(504);
    expect(render(new ServiceError('bad_gateway', 'secret detail')).status).toBe(502);
    const internal = render(new ServiceError('internal', 'secret detail'));
    expect(internal).toMatchObject({ status: 500, body: { success: false, error: 'Internal server error' } });
    expect(JSON.stringify(internal.body)).not.toContain('secret');
  });
});

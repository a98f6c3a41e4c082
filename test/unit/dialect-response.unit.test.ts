/** The response middleware on its own: the dialect's envelope, collected headers, the 429 outranking other errors, the log line. */
import { afterEach, describe, expect, test } from 'vitest';
import { ServiceError } from '../../functions/errors';
import { dialectResponse } from '../../functions/middleware/dialect-response';
import { quranReflect } from '../../functions/dialects/quranreflect/dialect';
import { logger } from '../../functions/observability/telemetry';
import { captureLogs } from '../support/logs';

const middleware = dialectResponse(quranReflect, 'quranreflect-rooms-get');
const request = (context: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({
    event: { requestContext: { requestId: 'req-1' }, headers: {} },
    context: { awsRequestId: 'lambda-1', ...context },
    response: null,
    error: null,
    ...extra,
  }) as any;

afterEach(() => logger.setLogLevel('WARN'));

describe('dialectResponse', () => {
  test('a success gets the collected headers once the admission settles', async () => {
    const r = request(
      { admission: async () => undefined, responseHeaders: { 'X-RateLimit-Limit': '60' } },
      { response: { statusCode: 200, body: '{}' } },
    );
    await middleware.before!(r);
    await middleware.after!(r);
    expect(r.response).toEqual({ statusCode: 200, body: '{}', headers: { 'X-RateLimit-Limit': '60' } });
  });

  test("an error in the dialect's envelope; a refused admission outranks it (429)", async () => {
    const plain = request({}, { error: new ServiceError('not_found', 'Room 7 not found') });
    await middleware.onError!(plain);
    expect([plain.response.statusCode, JSON.parse(plain.response.body)]).toEqual([
      404,
      { message: 'Room 7 not found', type: 'not_found', success: false },
    ]);
    const limited = request(
      { admission: () => Promise.reject(new ServiceError('rate_limited', 'Too many', { retryAfterSeconds: 12 })) },
      { error: new ServiceError('not_found', 'Room 7 not found') },
    );
    await middleware.onError!(limited);
    expect(limited.response.statusCode).toBe(429);
    expect(limited.response.headers['retry-after']).toBe('12');
  });

  test("a bug: a fixed 500 body, one ERROR line with the cause, never the request's data", async () => {
    logger.setLogLevel('INFO');
    const logs = captureLogs();
    const r = request({}, { error: new TypeError("Cannot read properties of undefined (reading 'secret-value')") });
    try {
      await middleware.before!(r);
      await middleware.onError!(r);
    } finally {
      logs.restore();
    }
    expect(r.response.statusCode).toBe(500);
    expect(JSON.parse(r.response.body).message).toBe('An unexpected error occurred on the server');
    expect(r.response.body).not.toContain('secret-value');
    const [line] = logs.records();
    expect(line).toMatchObject({
      level: 'ERROR',
      route: 'quranreflect-rooms-get',
      status: 500,
      errorKind: 'internal',
      apiGatewayRequestId: 'req-1',
    });
  });
});

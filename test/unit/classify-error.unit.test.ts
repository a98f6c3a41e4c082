import { describe, expect, test } from 'vitest';
import { ServiceError } from '../../functions/errors';
import { classifyError } from '../../functions/http/classify-error';

describe('classifyError', () => {
  test.each([
    [{ name: 'ProvisionedThroughputExceededException' }, 'unavailable'],
    [{ name: 'ThrottlingException' }, 'unavailable'],
    [{ name: 'RequestLimitExceeded' }, 'unavailable'],
    [{ name: 'Error', code: 'ECONNREFUSED' }, 'unavailable'],
    [{ name: 'TimeoutError' }, 'timeout'],
    [{ name: 'Error', code: 'ETIMEDOUT' }, 'timeout'],
    [{ name: 'InternalServerError' }, 'bad_gateway'],
    [{ name: 'Whatever', $metadata: { httpStatusCode: 503 } }, 'bad_gateway'],
    [{ name: 'Error', $response: {} }, 'bad_gateway'],
    [{ name: 'TypeError' }, 'internal'],
    ['a string', 'internal'],
  ])('%j → %s', (raw, kind) => {
    const error = typeof raw === 'string' ? raw : Object.assign(new Error('upstream said secret things'), raw);
    const classified = classifyError(error);
    expect(classified.kind).toBe(kind);
    expect(classified.message).not.toContain('secret');
    expect(classified.cause).toBe(error);
  });

  test('ServiceErrors pass through unchanged', () => {
    const error = new ServiceError('not_found', 'gone');
    expect(classifyError(error)).toBe(error);
  });
});

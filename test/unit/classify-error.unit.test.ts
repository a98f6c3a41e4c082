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
    // DynamoDB Local's and DynamoDB's words for a key or item too large: the request's fault.
    [
      {
        name: 'ValidationException',
        message: 'Hash primary key values must be under 2048 bytes, and range primary key values must be under 1024 bytes',
        $metadata: { httpStatusCode: 400 },
        $response: {},
      },
      'invalid_request',
    ],
    [
      {
        name: 'ValidationException',
        message: 'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes',
        $response: {},
      },
      'invalid_request',
    ],
    [
      {
        name: 'ValidationException',
        message: 'One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes',
        $response: {},
      },
      'invalid_request',
    ],
    [{ name: 'ValidationException', message: 'Item size has exceeded the maximum allowed size', $response: {} }, 'invalid_request'],
    // Any other refusal is an expression this code built wrong: a bug, not the database's fault.
    [
      { name: 'ValidationException', message: 'Invalid UpdateExpression: Syntax error', $metadata: { httpStatusCode: 400 }, $response: {} },
      'internal',
    ],
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

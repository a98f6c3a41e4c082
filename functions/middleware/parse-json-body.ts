import type { MiddlewareObj } from '@middy/core';
import type { BodyRules } from '../dialects/dialect';
import { ServiceError } from '../errors';
import type { ApiContext, ApiEvent, ApiResult } from '../http/types';

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/**
 * JSON body parsing for every dialect, by the dialect's body rules. Unlike
 * @middy/http-json-body-parser it caps the size, reports malformed JSON as a 400-class
 * ServiceError (not 415) and accepts an empty body, and it parses whatever the content-type
 * (Rocket.Chat and grpc-gateway clients omit it).
 */
export function parseJsonBody(rules: BodyRules): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> {
  const maxBytes = rules.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  return {
    before: async (request) => {
      const { body, isBase64Encoded } = request.event;
      const text = body && isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : (body ?? '');
      if (Buffer.byteLength(text) > maxBytes) {
        throw new ServiceError('invalid_request', `The request body is larger than ${maxBytes} bytes`, {
          code: 'error-body-too-large',
        });
      }
      if (text.trim() === '') {
        request.context.body = rules.emptyBody === 'empty-object' ? {} : undefined;
        return;
      }
      try {
        request.context.body = JSON.parse(text);
      } catch (error) {
        throw new ServiceError('invalid_request', `The request body is not valid JSON: ${(error as Error).message}`);
      }
    },
  };
}

import type { MiddlewareObj } from '@middy/core';
import { ServiceError } from '../errors';
import type { ApiContext, ApiEvent, ApiResult } from '../http/types';

export interface ParseJsonBodyOptions {
  /** Bodies larger than this are refused before parsing. */
  maxBytes?: number;
  /** What an empty body means: `{}` (grpc-gateway) or nothing (the schema then decides). */
  emptyBody?: 'empty-object' | 'undefined';
}

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

/**
 * JSON body parsing for every dialect. Unlike @middy/http-json-body-parser it caps the size,
 * reports malformed JSON as a 400-class ServiceError (not 415) and accepts an empty body,
 * and it parses whatever the content-type (Rocket.Chat and grpc-gateway clients omit it).
 */
export function parseJsonBody(options: ParseJsonBodyOptions = {}): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
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
        request.context.body = options.emptyBody === 'empty-object' ? {} : undefined;
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

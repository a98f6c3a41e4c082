import type { MiddlewareObj } from '@middy/core';
import type { BodyRules } from '../dialects/dialect';
import { ServiceError } from '../errors';
import type { ApiContext, ApiEvent, ApiResult } from '../http/types';

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

const isForm = (contentType: string | undefined) => /^application\/x-www-form-urlencoded\b/i.test(contentType ?? '');

/**
 * A form body as Express's `urlencoded({extended: true})` reads the fields Rocket.Chat clients
 * send: `userIds[]=a&userIds[]=b` and repeated keys make arrays; every value is a string (schemas
 * coerce numbers). A null-prototype object, so no key reaches Object.prototype.
 */
function parseForm(text: string): Record<string, string | string[]> {
  const body: Record<string, string | string[]> = Object.create(null);
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const list = rawKey.endsWith('[]');
    const key = list ? rawKey.slice(0, -2) : rawKey;
    const existing = body[key];
    if (existing === undefined) body[key] = list ? [value] : value;
    else body[key] = [...[existing].flat(), value];
  }
  return body;
}

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
      if (rules.forms && isForm(request.event.headers?.['content-type'])) {
        request.context.body = parseForm(text);
        return;
      }
      try {
        request.context.body = JSON.parse(text);
      } catch (error) {
        // A position at most: parser messages quote the body and vary between engines.
        const position = /position (\d+)/.exec((error as Error).message)?.[1];
        throw new ServiceError('invalid_request', `The request body is not valid JSON${position ? ` (at position ${position})` : ''}`);
      }
    },
  };
}

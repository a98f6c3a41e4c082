import type { MiddlewareObj } from '@middy/core';
import { safeParse } from '../lib/zod';
import type { $ZodIssue, $ZodType, output } from 'zod/v4/core';
import { ServiceError } from '../errors';
import type { ApiContext, ApiEvent, ApiResult } from '../http/types';

export type InvalidInputHandler = (issues: readonly $ZodIssue[], raw: unknown) => ServiceError;

/** `userIds[3]: expected string, received number`: the path and the rule broken. */
export function describeIssues(issues: readonly $ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${formatPath(issue.path)}: ${issue.message}` : issue.message))
    .join('; ');
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
}

const defaultInvalid: InvalidInputHandler = (issues) => new ServiceError('invalid_request', describeIssues(issues));

/**
 * Validates the parsed body (plus whatever `select` adds, e.g. path parameters) with a zod
 * schema (zod/mini: the classic API would add ~430 KB of locales to every bundle) and puts the
 * typed result on `context.input`.
 */
export function validateInput<TSchema extends $ZodType>(
  schema: TSchema,
  options: { select?: (event: ApiEvent, body: unknown) => unknown; onInvalid?: InvalidInputHandler } = {},
): MiddlewareObj<ApiEvent, ApiResult, Error, ApiContext<output<TSchema>>> {
  const select = options.select ?? ((_event, body) => body);
  const onInvalid = options.onInvalid ?? defaultInvalid;
  return {
    before: async (request) => {
      const raw = select(request.event, request.context.body);
      const result = safeParse(schema, raw);
      if (!result.success) throw onInvalid(result.error.issues, raw);
      request.context.input = result.data;
    },
  };
}

import type { $ZodIssue } from 'zod/v4/core';

/** The request part an issue is about: `body`, `path` or `query` (the first segment of its path). */
export const issuePart = (issue: $ZodIssue) => issue.path[0];

/**
 * `userIds[3]: expected string, received number`: the path within its request part and the
 * rule broken, for at most five issues.
 */
export function describeIssues(issues: readonly $ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path.slice(1);
      return path.length ? `${formatPath(path)}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`)).join('');
}

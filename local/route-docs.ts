/** The README's endpoint table, rendered from the route table (a unit test keeps them equal). */
import { routes } from '../functions/routes';

const AUTH: Record<string, string> = {
  rocketchat: '`X-Auth-Token` + `X-User-Id`',
  quranreflect: '`x-auth-token` + `x-client-id`',
  berty: '`Authorization: Bearer`',
};

export function endpointTable(): string {
  const rows = routes.map(
    (route) =>
      `| \`${route.method} ${route.path}\` | ${route.summary} | ${AUTH[route.dialect]} | ${route.rateLimit.limit} per ${route.rateLimit.windowSeconds} s per ${route.rateLimit.key === 'ip' ? 'client IP' : 'caller'} | ${route.tableAccess.join(', ')} | \`${route.entry}\` |`,
  );
  return [
    '| endpoint | what it does | auth headers | rate limit (default) | table actions | handler |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (process.argv[1]?.endsWith('route-docs.ts')) console.log(endpointTable());

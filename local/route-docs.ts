/** The README's endpoint table, rendered from the route table (a unit test keeps them equal). */
import { dialectNamed } from '../functions/dialects';
import { routes } from '../functions/routes';

export function endpointTable(): string {
  const rows = routes.map(
    (route) =>
      `| \`${route.method} ${route.path}\` | ${route.summary} | ${route.anonymous ? 'none' : dialectNamed(route.dialect).credentialDocs} | ${route.rateLimit.limit} per ${route.rateLimit.windowSeconds} s per ${route.rateLimit.key === 'ip' ? 'client IP' : 'caller'} | ${route.tableAccess.join(', ')} | \`${route.entry}\` |`,
  );
  return [
    '| endpoint | what it does | auth headers | rate limit (default) | table actions | handler |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (process.argv[1]?.endsWith('route-docs.ts')) console.log(endpointTable());

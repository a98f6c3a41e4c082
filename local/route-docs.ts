/**
 * Tables rendered from the route table: the README's endpoint table, and the per-route limits and
 * table grants in docs/operations.md (a unit test keeps both equal to the code).
 */
import { routes } from '../functions/routes';

const endpoint = (route: (typeof routes)[number]) => `\`${route.method} ${route.path}\``;

export function endpointTable(): string {
  const rows = routes.map(
    (route) =>
      `| ${endpoint(route)} | ${route.summary} | ${route.anonymous ? 'none' : route.dialect.credentialDocs} | \`${route.entry}\` |`,
  );
  return ['| endpoint | what it does | auth headers | handler |', '|---|---|---|---|', ...rows].join('\n');
}

export function routeLimitsTable(): string {
  const rows = routes.map(
    (route) =>
      `| ${endpoint(route)} | \`${route.id}\` | ${route.rateLimit.limit} per ${route.rateLimit.windowSeconds} s per ${route.rateLimit.key === 'ip' ? 'client IP' : 'caller'} | ${route.tableAccess.join(', ')} |`,
  );
  return ['| endpoint | route id | rate limit (default) | table actions granted |', '|---|---|---|---|', ...rows].join('\n');
}

if (process.argv[1]?.endsWith('route-docs.ts')) console.log(process.argv[2] === 'limits' ? routeLimitsTable() : endpointTable());

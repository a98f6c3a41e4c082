/**
 * A row of the route table, and the one helper every dialect's rows are built with
 * (functions/routes/<dialect>.ts): the dialect, its rate-limit rule and its handlers' folder come
 * from the helper, each row adds its own fields and the handler's file name.
 */
import type { DialectName } from '../dialects';
import type { RateLimitRule, RuntimeRoute } from '../http/types';

export type { RateLimitRule } from '../http/types';

/** The demo users `npm start` seeds (demo/demo-data.ts), whose credentials the examples use. */
export const DEMO_USER_NAMES = ['admin', 'alice', 'bob', 'carol', 'dave', 'erin'] as const;
export type DemoUserName = (typeof DEMO_USER_NAMES)[number];

/**
 * A DynamoDB IAM action on the table, as the function's policy grants it. A transaction needs the
 * actions of its parts (Put → PutItem, Update → UpdateItem, Delete → DeleteItem, ConditionCheck →
 * ConditionCheckItem): IAM checks those, not the TransactWriteItems call. The recorded calls of
 * every test run are checked against these grants (test/support/grants-check.ts).
 */
export type DynamoDbAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'PutItem'
  | 'BatchWriteItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'ConditionCheckItem';

/** A row of the route table: what a handler needs at run time (RuntimeRoute) and what builds, documents and grants it. */
export interface Route extends RuntimeRoute {
  /** The API dialect (functions/dialects): credentials, envelopes, docs. */
  dialect: DialectName;
  /** Handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  /**
   * The only table actions the function's role is granted: the handler's own, as a row lists them;
   * the table adds what the middleware chain needs (see chainAccess).
   */
  tableAccess: readonly DynamoDbAction[];
  summary: string;
  /** A representative request body for docs and sample events (`{{name}}`: a demo value; `"{{#name}}"`: one as a JSON number). */
  exampleBody: Record<string, unknown>;
  /** Whose demo credentials the example uses (default the demo admin's): each example has the fixtures it consumes to itself, so examples run in any order. */
  exampleCaller?: DemoUserName;
  /** The example's path, when its parameters need other demo values than `{{<param name>}}`. */
  examplePath?: string;
  /** The example's query string (without `?`). */
  exampleQuery?: string;
  /** A page for a browser (HTML), not an API call: the API-wide envelope and fault suites leave it out (test/e2e/pages.e2e.test.ts covers it). */
  page?: boolean;
  /** The function makes invitation tokens: it reads the token key (the secret, and its env var). */
  makesInvitationTokens?: boolean;
}

/** A row as a dialect's file writes it: the handler's file under the dialect's folder, no entry path. */
export type RouteRow = Omit<Route, 'dialect' | 'rateLimit' | 'entry' | 'exampleBody'> & {
  handler: string;
  exampleBody?: Route['exampleBody'];
};

/** The row helper of one dialect: its name, default rule and handlers' folder (under functions/handlers/). */
export const routeRows =
  (defaults: { dialect: DialectName; rateLimit: RateLimitRule; handlers: string }) =>
  ({ handler, ...row }: RouteRow): Route => ({
    dialect: defaults.dialect,
    rateLimit: defaults.rateLimit,
    entry: `functions/handlers/${defaults.handlers}/${handler}.ts`,
    exampleBody: {},
    ...row,
  });

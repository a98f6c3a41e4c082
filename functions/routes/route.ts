/**
 * A route's contract, defined once: id, method, path, dialect, authentication, input schema (and,
 * where written, the reply's), table actions and rate limit, with what documents it. The handler
 * imports its contract (apiHandler(contract)); the stack, the local server, the OpenAPI document,
 * the README and the sample events read the same objects from the table (routes/index.ts). Each
 * dialect's contracts are one file built by one helper (dialectRoute below).
 */
import type { $ZodType } from 'zod/v4/core';
import type { Dialect, InvalidInputHandler } from '../dialects/dialect';
import type { RateLimitRule, RuntimeRoute } from '../http/types';

export type { RateLimitRule } from '../http/types';

/** The demo users `npm start` seeds (demo/demo-data.ts), whose credentials the examples use (`operator`: the webhook API's operator). */
export const DEMO_USER_NAMES = ['admin', 'alice', 'bob', 'carol', 'dave', 'erin', 'operator'] as const;
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

/** `'/v1/rooms/{id}/members/{userId}'` → `'id' | 'userId'`. */
export type PathParams<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}` ? Name | PathParams<Rest> : never;

/** What a route's input schema must accept: its path's parameters, as strings, under `path`. */
export type InputOf<Path extends string> = [PathParams<Path>] extends [never] ? unknown : { path: { [Name in PathParams<Path>]: string } };

/** A route's contract. */
export interface Route<Input extends $ZodType = $ZodType, Path extends string = string> extends RuntimeRoute {
  path: Path;
  /** The API dialect (credentials, envelopes, docs): the object itself, so a handler names no dialect of its own. */
  dialect: Dialect;
  /** The handler module, relative to the repository root: it exports `handler = apiHandler(<this contract>)…` (a unit test checks it is this very object). */
  entry: string;
  /** The schema of the whole input, `{path, query, body}`; its `path` has the path's parameters (checked by type and by a unit test). */
  input: Input;
  /** The schema of a success's body (every JSON route has one; the OpenAPI document shows it, and the system test checks each example's reply against it). */
  output?: $ZodType;
  /** Overrides the dialect's mapping of invalid input, for a route whose API answers differently. */
  onInvalid?: InvalidInputHandler;
  /**
   * The only table actions the function's role is granted: the handler's own and, added by the
   * helper, what the middleware chain needs (chainAccess).
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
  /** The stage settings (environment variables) the function reads, set from `-c stageSettings='{"NAME": "value"}'` where given. */
  stageSettings?: readonly string[];
  /** The function hands webhook deliveries to the retry queue (sqs:SendMessage on it, and its URL). */
  sendsWebhookDeliveries?: boolean;
  /**
   * The function checks webhook endpoint URLs: WEBHOOKS_ALLOW_LOCAL_HTTP is declared empty (never
   * set when deployed), so that a local run of the template may allow http://127.0.0.1.
   */
  checksWebhookUrls?: boolean;
}

/** A contract as a dialect's file writes it: the dialect and its rate-limit rule come from the helper. */
export type RouteRow<Input extends $ZodType, Path extends string> = Omit<Route<Input, Path>, 'dialect' | 'rateLimit' | 'exampleBody'> & {
  rateLimit?: RateLimitRule;
  exampleBody?: Route['exampleBody'];
};

/**
 * What the middleware chain reads and writes on every route, besides the handler's own work: the
 * rate-limit count (UpdateItem); for authenticated routes, the token with its user (BatchGetItem;
 * GetItem for a token that names no user), the client id and the rate-limit bypass grant (GetItem).
 */
function chainAccess(route: Pick<Route, 'anonymous'>): DynamoDbAction[] {
  return route.anonymous ? ['UpdateItem'] : ['GetItem', 'BatchGetItem', 'UpdateItem'];
}

/**
 * What an authenticated route also needs where the stage trusts outside issuers: making an account
 * on an identity's first request — its number (UpdateItem on the counter), the e-mail invitations
 * waiting for its address (Query), the user and its guards written and those invitations claimed
 * (PutItem, DeleteItem, in one transaction). Its reads are the chain's own (BatchGetItem, GetItem).
 */
export const FIRST_SIGHT_ACCESS: readonly DynamoDbAction[] = ['UpdateItem', 'Query', 'PutItem', 'DeleteItem'];

/**
 * The contract helper of one dialect: its dialect object and default rate-limit rule. A path's
 * parameters must be in the input schema's `path` (a type error otherwise).
 */
export const dialectRoute =
  (dialect: Dialect, defaults: { rateLimit: RateLimitRule }) =>
  <const Path extends string, Input extends $ZodType<unknown, InputOf<Path>>>(row: RouteRow<Input, Path>): Route<Input, Path> => ({
    dialect,
    rateLimit: defaults.rateLimit,
    exampleBody: {},
    ...row,
    tableAccess: [...new Set<DynamoDbAction>([...chainAccess(row), ...row.tableAccess])],
  });

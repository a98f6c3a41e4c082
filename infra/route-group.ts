/**
 * Up to ten routes of one dialect in a nested stack of their own: each route's function (with its
 * role, policy and log group), its API route, integration and invoke permission, and three alarms
 * for the whole group (errors, throttles, p99 duration near the timeout) by metric math over its
 * functions. Why: at ~10 resources a route, one stack reaches CloudFormation's 500-resource limit at
 * ~44 routes; a group holds ~75, its parent one resource per group. Ten, because an alarm's metric
 * math may use at most ten metrics.
 */
import { resolve } from 'node:path';
import { Duration, NestedStack, type NestedStackProps } from 'aws-cdk-lib';
import { type HttpApi, HttpMethod, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, type IAlarmAction, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type Route, routeFunctionId } from '../functions/routes';
import { FIRST_SIGHT_ACCESS } from '../functions/routes/route';
import { FUNCTION_TIMEOUT, InvitesFunction } from './invites-function';
import { functionAlarmProps, type FunctionSignals, functionSignals } from './monitoring';
import { acknowledgeNagFindings } from './nag-acknowledgements';

const repositoryRoot = resolve(import.meta.dirname, '..');

/** The most metrics one alarm's metric math may use (a hard CloudWatch limit), hence the most routes a group holds. */
export const ROUTES_PER_GROUP = 10;

export interface RouteGroupPlan {
  /** The nested stack's construct id: `RocketchatRoutes1`, `RocketchatRoutes2`, … */
  id: string;
  routes: Route[];
}

/**
 * The routes by dialect, in table order, ten to a group. A route keeps its group as long as rows
 * are only appended to their dialect: moving a route to another group recreates its API route,
 * which API Gateway refuses while the old one still exists (see docs/deploy.md).
 */
export function planRouteGroups(routes: readonly Route[]): RouteGroupPlan[] {
  const byDialect = new Map<string, Route[]>();
  for (const route of routes) byDialect.set(route.dialect.name, [...(byDialect.get(route.dialect.name) ?? []), route]);
  const plans: RouteGroupPlan[] = [];
  for (const [dialect, rows] of byDialect) {
    const name = `${dialect[0]!.toUpperCase()}${dialect.slice(1)}Routes`;
    for (let start = 0; start < rows.length; start += ROUTES_PER_GROUP) {
      plans.push({ id: `${name}${start / ROUTES_PER_GROUP + 1}`, routes: rows.slice(start, start + ROUTES_PER_GROUP) });
    }
  }
  return plans;
}

export interface RouteGroupProps extends NestedStackProps {
  stage: string;
  routes: Route[];
  api: HttpApi;
  table: Table;
  tableKey: Key;
  invitationTokenKey: Secret;
  /** The stage's trusted OIDC issuers (TRUSTED_ISSUERS, JSON), if any: authenticated routes get them and what a first sight writes. */
  trustedIssuers?: string;
  /** Where the group's alarms notify (the stage's alarm topic). */
  alarmAction: IAlarmAction;
  /** The stage's settings (`-c stageSettings`): each route gets those its row names (`stageSettings`). */
  stageSettings?: Readonly<Record<string, string>>;
  /** The webhook retry queue, which the routes that re-send deliveries send to (infra/webhooks.ts). */
  webhookRetryQueue?: IQueue;
}

const FIVE_MINUTES = Duration.minutes(5);

export class RouteGroup extends NestedStack {
  readonly functions: { routeId: string; fn: InvitesFunction }[] = [];
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: RouteGroupProps) {
    super(scope, id, props);
    if (props.routes.length > ROUTES_PER_GROUP)
      throw new Error(`${id}: ${props.routes.length} routes, at most ${ROUTES_PER_GROUP} a group`);
    for (const route of props.routes) this.functions.push({ routeId: route.id, fn: this.addRoute(route, props) });
    this.addAlarms(id, props.alarmAction);
    acknowledgeNagFindings(this, { table: props.table });
  }

  private retryQueue(route: Route, props: RouteGroupProps): IQueue {
    if (!props.webhookRetryQueue) throw new Error(`${route.id} re-sends webhook deliveries, and the stack gave its group no retry queue`);
    return props.webhookRetryQueue;
  }

  private addRoute(route: Route, props: RouteGroupProps): InvitesFunction {
    const id = routeFunctionId(route.id);
    const outsideIdentities = Boolean(props.trustedIssuers) && !route.anonymous;
    const fn = new InvitesFunction(this, id, {
      description: `${route.method} ${route.path} (${route.dialect.name})`,
      entry: resolve(repositoryRoot, route.entry),
      environment: {
        TABLE_NAME: props.table.tableName,
        STAGE: props.stage,
        LOG_LEVEL: 'INFO',
        // Invitation links in events point at the API.
        PUBLIC_BASE_URL: props.api.apiEndpoint,
        // The key's secret; INVITATION_TOKEN_KEY is declared empty so that `sam local invoke --env-vars` may set a local key.
        ...(route.makesInvitationTokens
          ? { INVITATION_TOKEN_SECRET_ARN: props.invitationTokenKey.secretArn, INVITATION_TOKEN_KEY: '' }
          : {}),
        // The trusted issuers; declared empty without any, so that a local run of the template
        // (`npm start -- --synthesized`, `sam local invoke --env-vars`) may set its own issuer.
        ...(route.anonymous ? {} : { TRUSTED_ISSUERS: props.trustedIssuers ?? '' }),
        ...(route.sendsWebhookDeliveries ? { WEBHOOK_RETRY_QUEUE_URL: this.retryQueue(route, props).queueUrl } : {}),
        // Declared empty, never set deployed: a local run of the template may allow http://127.0.0.1 endpoints.
        ...(route.checksWebhookUrls ? { WEBHOOKS_ALLOW_LOCAL_HTTP: '' } : {}),
        ...Object.fromEntries(
          (route.stageSettings ?? []).flatMap((name) =>
            props.stageSettings?.[name] === undefined ? [] : [[name, props.stageSettings[name]]],
          ),
        ),
      },
    });
    if (route.sendsWebhookDeliveries)
      fn.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.retryQueue(route, props).queueArn] }));
    if (route.makesInvitationTokens) {
      // What Secret.grantRead grants, written on the function's role: grantRead would also name
      // this role in the table key's policy, a reference from the parent stack into this one, and
      // the parent already passes the key to this stack (a cycle CloudFormation refuses).
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          resources: [props.invitationTokenKey.secretArn],
        }),
      );
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [props.tableKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${this.region}.amazonaws.com` } },
        }),
      );
    }
    // Least privilege: only the actions the route table lists, on the table and its indexes.
    const actions = outsideIdentities ? [...new Set([...route.tableAccess, ...FIRST_SIGHT_ACCESS])] : route.tableAccess;
    props.table.grant(fn, ...actions.map((action) => `dynamodb:${action}`));
    // The table's key, and only through DynamoDB (kms:ViaService): the functions never call KMS.
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
        resources: [props.tableKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${this.region}.amazonaws.com` } },
      }),
    );
    new HttpRoute(this, `${id}Route`, {
      httpApi: props.api,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration: new HttpLambdaIntegration(`${id}Integration`, fn),
    });
    return fn;
  }

  /** One alarm per signal for the group (monitoring.ts's rule); the dashboard keeps each function's own graphs. */
  private addAlarms(groupId: string, action: IAlarmAction) {
    const each = this.functions.map(({ fn }) => functionSignals(fn));
    const over = (expression: 'SUM' | 'MAX', signal: keyof FunctionSignals, label: string) =>
      new MathExpression({
        expression: `${expression}([${each.map((_, index) => `m${index}`).join(', ')}])`,
        usingMetrics: Object.fromEntries(each.map((signals, index) => [`m${index}`, signals[signal]])),
        label,
        period: FIVE_MINUTES,
      });
    const routeIds = this.functions.map(({ routeId }) => routeId).join(', ');
    const props = functionAlarmProps(
      {
        errors: over('SUM', 'errors', `${groupId} errors`),
        throttles: over('SUM', 'throttles', `${groupId} throttles`),
        p99Duration: over('MAX', 'p99Duration', `${groupId} p99 duration`),
      },
      FUNCTION_TIMEOUT,
      {
        errors: `${groupId}: invocation errors (crashes, timeouts) of ${routeIds}; the dashboard's function errors graph names the function`,
        throttles: `${groupId}: throttled invocations of ${routeIds}`,
        p99Duration: `${groupId}: p99 duration near the ${FUNCTION_TIMEOUT.toSeconds()} s timeout (the slowest of ${routeIds})`,
      },
    );
    for (const [alarmId, signal] of [
      ['Errors', 'errors'],
      ['Throttles', 'throttles'],
      ['P99Duration', 'p99Duration'],
    ] as const) {
      // The group's name in the id: logical ids stay unique when the groups are read as one template.
      const created = new Alarm(this, `${groupId}${alarmId}`, { treatMissingData: TreatMissingData.NOT_BREACHING, ...props[signal] });
      created.addAlarmAction(action);
      this.alarms.push(created);
    }
  }
}

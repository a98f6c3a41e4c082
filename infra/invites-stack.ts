/**
 * The service for one stage: one table, one HTTP API, one event bus, one function + route per row
 * of the route table (in nested stacks of ten routes of one dialect: infra/route-group.ts), alarms
 * and a dashboard. The stateful resources (table, key, secret, bus, queues) stay in this stack
 * under the logical ids they have always had, so splitting the routes off replaced none of them. No physical name is fixed except those carrying the
 * stage, so stages deploy side by side in one account.
 */
import { resolve } from 'node:path';
import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { credentialHeaders } from '../functions/dialects/dialect';
import { trustedIssuers } from '../functions/identity/trusted-issuers';
import { type Route, routes } from '../functions/routes';
import { tableSchema } from '../functions/store/table-schema';
import { FUNCTION_TIMEOUT } from './invites-function';
import { Monitoring } from './monitoring';
import { acknowledgeNagFindings } from './nag-acknowledgements';
import { Notifier } from './notifier';
import { planRouteGroups, RouteGroup } from './route-group';
import { StreamConsumer } from './stream-consumer';
import { DELIVERER_TIMEOUT, Webhooks } from './webhooks';

const repositoryRoot = resolve(import.meta.dirname, '..');

export interface InvitesStackProps extends StackProps {
  /** `dev`, `prod`, …: part of every name that must be unique in an account. */
  stage?: string;
  /** Origins allowed by CORS; none (the default) turns CORS off. */
  corsOrigins?: string[];
  /** Alarms also e-mail this address. */
  alarmEmail?: string;
  /** Steady-state requests per second across the API (stage throttling). */
  throttleRateLimit?: number;
  throttleBurstLimit?: number;
  /** The invitation e-mails' From address (`-c senderEmail=`); without it no notifier is deployed. */
  senderEmail?: string;
  /** Where the links in QuranReflect e-mails go (`-c invitationAppUrl=`; `{groupId}`, `{token}`, `{action}`). */
  invitationAppUrl?: string;
  /**
   * The OIDC issuers whose access tokens the API accepts (`-c trustedIssuers='[{"issuer": …}]'`,
   * docs/identity.md): a JSON array, checked at synthesis.
   */
  trustedIssuers?: string;
  /** Stage settings the routes read (`-c stageSettings='{"RC_INVITE_TOKENS": "id"}'`, a JSON object of strings; README, stage settings). */
  stageSettings?: string;
  /** The routes to deploy (default: the route table); tests synthesize larger tables. */
  routes?: readonly Route[];
}

export class InvitesStack extends Stack {
  readonly table: Table;
  readonly tableKey: Key;
  readonly api: HttpApi;
  readonly eventBus: EventBus;
  readonly invitationTokenKey: Secret;
  readonly streamConsumer: StreamConsumer;
  readonly notifier?: Notifier;
  readonly webhooks: Webhooks;
  readonly monitoring: Monitoring;
  readonly routeGroups: RouteGroup[];

  constructor(scope: Construct, id: string, props: InvitesStackProps = {}) {
    super(scope, id, props);
    const stage = props.stage ?? 'dev';

    // Customer-managed key: group secrets are encrypted at rest under a key this account controls.
    // DynamoDB uses it server-side; handlers never call KMS themselves (see the grant below).
    this.tableKey = new Key(this, 'TableKey', {
      description: `invites ${stage}: table encryption at rest`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new Table(this, 'Table', {
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.tableKey,
      partitionKey: { name: tableSchema.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableSchema.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: tableSchema.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Events are derived from what the table committed (infra/stream-consumer.ts).
      stream: StreamViewType[tableSchema.streamViewType],
    });
    for (const index of tableSchema.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }

    // Invitation created, accepted, rejected; member added, removed: applications subscribe with rules.
    this.eventBus = new EventBus(this, 'EventBus', { eventBusName: `invites-${stage}` });

    // The key invitation tokens are made with (functions/lib/invitation-token.ts): the table holds
    // each token's nonce and hash, never this key, so a dump of the table yields no usable token.
    this.invitationTokenKey = new Secret(this, 'InvitationTokenKey', {
      description: `invites ${stage}: the HMAC key of invitation tokens`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      encryptionKey: this.tableKey,
    });

    const corsOrigins = props.corsOrigins?.filter(Boolean) ?? [];
    this.api = new HttpApi(this, 'Api', {
      apiName: `invites-${stage}`,
      createDefaultStage: false,
      ...(corsOrigins.length
        ? {
            corsPreflight: {
              allowOrigins: corsOrigins,
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.DELETE],
              // The headers every served dialect's credentials travel in, as each dialect declares them.
              allowHeaders: [
                ...new Set(['content-type', ...(props.routes ?? routes).flatMap((route) => credentialHeaders(route.dialect))]),
              ],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH, removalPolicy: RemovalPolicy.DESTROY });
    const apiStage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRateLimit ?? 100, burstLimit: props.throttleBurstLimit ?? 200 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // One JSON line per request; never a header, a body or a query string (tokens travel there).
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            ip: '$context.identity.sourceIp',
            time: '$context.requestTimeEpoch',
          }),
        ),
      },
    });

    // Made before the route groups: their alarms notify its topic.
    this.monitoring = new Monitoring(this, 'Monitoring', {
      stage,
      apiStage,
      table: this.table,
      key: this.tableKey,
      alarmEmail: props.alarmEmail,
    });
    // Checked now, with the functions' own parser: a malformed setting fails the synthesis, not the first request.
    const issuers = props.trustedIssuers?.trim() ? JSON.stringify(trustedIssuers({ TRUSTED_ISSUERS: props.trustedIssuers })) : undefined;
    const settings = stageSettingsFrom(props.stageSettings);
    // Webhook delivery: made before the route groups, whose re-send routes send to its retry queue.
    this.webhooks = new Webhooks(this, 'Webhooks', {
      stage,
      table: this.table,
      tableKey: this.tableKey,
      eventBus: this.eventBus,
      delivererEntry: resolve(repositoryRoot, 'functions/handlers/webhooks/deliver-webhooks.ts'),
    });
    // The route functions, ten of a dialect to a nested stack (infra/route-group.ts).
    this.routeGroups = planRouteGroups(props.routes ?? routes).map(
      (plan) =>
        new RouteGroup(this, plan.id, {
          stage,
          routes: plan.routes,
          api: this.api,
          table: this.table,
          tableKey: this.tableKey,
          invitationTokenKey: this.invitationTokenKey,
          trustedIssuers: issuers,
          stageSettings: settings,
          webhookRetryQueue: this.webhooks.retryQueue,
          alarmAction: this.monitoring.action,
          description: `invites ${stage}: ${plan.routes.map((route) => route.id).join(', ')}`,
        }),
    );

    this.streamConsumer = new StreamConsumer(this, 'StreamConsumer', {
      entry: resolve(repositoryRoot, 'functions/handlers/stream/publish-events.ts'),
      table: this.table,
      eventBus: this.eventBus,
      tokenKey: this.invitationTokenKey,
      publicBaseUrl: this.api.apiEndpoint,
    });

    if (props.senderEmail) {
      this.notifier = new Notifier(this, 'Notifier', {
        stage,
        table: this.table,
        tableKey: this.tableKey,
        eventBus: this.eventBus,
        senderEmail: props.senderEmail,
        appUrlTemplate: props.invitationAppUrl,
        siteUrl: this.api.apiEndpoint,
        notifierEntry: resolve(repositoryRoot, 'functions/handlers/notifier/send-invitation-emails.ts'),
        feedbackEntry: resolve(repositoryRoot, 'functions/handlers/notifier/record-ses-feedback.ts'),
      });
    } else {
      Annotations.of(this).addWarningV2(
        'invites:no-notifier',
        'No senderEmail context value: invitation e-mails are not sent (cdk deploy -c senderEmail=invites@example.com)',
      );
    }
    const watched = [
      { routeId: 'stream-consumer', fn: this.streamConsumer.fn, timeout: FUNCTION_TIMEOUT },
      { routeId: 'webhook-deliverer', fn: this.webhooks.fn, timeout: DELIVERER_TIMEOUT },
      ...(this.notifier
        ? [
            { routeId: 'notifier', fn: this.notifier.fn, timeout: FUNCTION_TIMEOUT },
            { routeId: 'ses-feedback', fn: this.notifier.feedbackFn, timeout: FUNCTION_TIMEOUT },
          ]
        : []),
    ];
    this.monitoring.watchFunctions(watched);
    this.monitoring.notifyOn([...this.streamConsumer.alarms, ...this.webhooks.alarms, ...(this.notifier?.alarms ?? [])]);
    this.monitoring.addDashboard(
      [...this.routeGroups.flatMap((group) => group.functions.map(({ fn }) => fn)), ...watched.map(({ fn }) => fn)],
      this.notifier?.widgets,
    );

    acknowledgeNagFindings(this);

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });
    new CfnOutput(this, 'StreamDeadLetterQueueUrl', { value: this.streamConsumer.deadLetters.queueUrl });
    if (this.notifier) {
      new CfnOutput(this, 'NotifierDeadLetterQueueUrl', { value: this.notifier.deadLetters.queueUrl });
      new CfnOutput(this, 'SesConfigurationSet', { value: this.notifier.configurationSet.configurationSetName });
    }
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
  }
}

/** `-c stageSettings`: a JSON object of strings, checked at synthesis (a malformed one fails it, not a request). */
function stageSettingsFrom(text: string | undefined): Record<string, string> | undefined {
  if (!text?.trim()) return undefined;
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string'))
    throw new Error('stageSettings must be a JSON object of strings, e.g. {"RC_INVITE_TOKENS": "id"}');
  return parsed as Record<string, string>;
}

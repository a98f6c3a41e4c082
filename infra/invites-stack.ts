/** The service: one table, one HTTP API, and one function + route per row of the route table. */
import { resolve } from 'node:path';
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpMethod, HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { routeDefines } from '../functions/http/route-of';
import { routes } from '../functions/routes';
import { tableSchema } from '../functions/store/table-schema';
import { InvitesFunction } from './invites-function';

const repositoryRoot = resolve(import.meta.dirname, '..');

/** `rocketchat-channels-invite` → `RocketchatChannelsInvite`. */
const constructId = (routeId: string) =>
  routeId.replace(/(^|-)(\w)/g, (_match, _dash: string, letter: string) => letter.toUpperCase());

export interface InvitesStackProps extends StackProps {
  /** Steady-state requests per second across the API (stage throttling). */
  throttleRateLimit?: number;
  throttleBurstLimit?: number;
}

export class InvitesStack extends Stack {
  readonly table: Table;
  readonly tableKey: Key;
  readonly api: HttpApi;
  readonly eventBus: EventBus;

  constructor(scope: Construct, id: string, props: InvitesStackProps = {}) {
    super(scope, id, props);

    // Customer-managed key: group secrets are encrypted at rest under a key this account controls.
    // DynamoDB uses it server-side; handlers never call KMS themselves.
    this.tableKey = new Key(this, 'TableKey', {
      description: 'invites table encryption at rest',
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
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableSchema.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }

    // Invitation created, accepted, rejected; member added, removed: applications subscribe with rules.
    this.eventBus = new EventBus(this, 'EventBus', { eventBusName: 'invites' });

    this.api = new HttpApi(this, 'Api', { apiName: 'invites', createDefaultStage: false });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.throttleRateLimit ?? 100, burstLimit: props.throttleBurstLimit ?? 200 },
    });

    for (const route of routes) {
      const id = constructId(route.id);
      const fn = new InvitesFunction(this, id, {
        functionName: `invites-${route.id}`,
        description: `${route.method} ${route.path} (${route.dialect})`,
        entry: resolve(repositoryRoot, route.entry),
        // The function's own row, injected at build time: its bundle carries no route table.
        bundling: { define: routeDefines(route) },
        environment: {
          TABLE_NAME: this.table.tableName,
          // Invitation links in events point at the API.
          PUBLIC_BASE_URL: this.api.apiEndpoint,
          ...(route.publishesEvents ? { EVENT_BUS_NAME: this.eventBus.eventBusName } : {}),
        },
      });
      if (route.publishesEvents) this.eventBus.grantPutEventsTo(fn);
      // Least privilege: only the actions the route table lists, on the table and its indexes.
      this.table.grant(fn, ...route.tableAccess.map((action) => `dynamodb:${action}`));
      // DynamoDB needs the caller to be allowed to use the table's key (through DynamoDB only).
      this.tableKey.grantEncryptDecrypt(fn);
      this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${id}Integration`, fn),
      });
    }

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'EventBusName', { value: this.eventBus.eventBusName });
  }
}

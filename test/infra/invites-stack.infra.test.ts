/** CDK assertions on the synthesized template (bundling skipped to keep the suite fast). */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { InvitesStack } from '../../infra/invites-stack';
import { routes } from '../../functions/routes';
import { tableSchema } from '../../functions/store/table-schema';

let template: Template;

beforeAll(() => {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  template = Template.fromStack(new InvitesStack(app, 'TestStack'));
});

const functionsOf = () =>
  Object.entries(template.findResources('AWS::Lambda::Function')) as [string, { Properties: Record<string, any> }][];

describe('table', () => {
  test('pk/sk keys, on demand, TTL, point-in-time recovery and the GSIs of the schema', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: tableSchema.ttlAttribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      GlobalSecondaryIndexes: tableSchema.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain' });
  });

  test('encrypted at rest with a customer-managed, rotating KMS key the stack creates', () => {
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const [keyId] = Object.keys(template.findResources('AWS::KMS::Key'));
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
    });
  });
});

describe('functions', () => {
  test('exactly one function per route, with the house defaults', () => {
    const functions = functionsOf();
    expect(functions).toHaveLength(routes.length);
    for (const [, { Properties }] of functions) {
      expect(Properties.Runtime).toBe('nodejs22.x');
      expect(Properties.Architectures).toEqual(['arm64']);
      expect(Properties.Handler).toBe('index.handler');
      expect(Properties.Timeout).toBe(15);
      expect(Properties.Environment.Variables).toMatchObject({
        NODE_OPTIONS: '--enable-source-maps',
        TABLE_NAME: { Ref: expect.stringMatching(/^Table/) },
      });
      expect(Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/Logs/) });
    }
    expect(functions.map(([, f]) => f.Properties.FunctionName).sort()).toEqual(routes.map((r) => `invites-${r.id}`).sort());
  });

  test('every function has its own log group with a retention', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', routes.length);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  test('each function may use exactly the table actions its route lists, never dynamodb:*', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: Record<string, any> }[];
    for (const route of routes) {
      const [logicalId] = functionsOf().find(([, f]) => f.Properties.FunctionName === `invites-${route.id}`)!;
      const roleRef = functionsOf().find(([id]) => id === logicalId)![1].Properties.Role['Fn::GetAtt'][0];
      const statements = policies
        .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleRef))
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
      const actions = statements.flatMap((statement) => [statement.Action].flat());
      const dynamoDbActions = actions.filter((action: string) => action.startsWith('dynamodb:')).sort();
      expect(dynamoDbActions).toEqual(route.tableAccess.map((action) => `dynamodb:${action}`).sort());
      expect(actions).not.toContain('dynamodb:*');
      // The table key's use, and PutEvents on the service's bus for the routes that publish.
      expect(actions.filter((action: string) => !action.startsWith('dynamodb:')).sort()).toEqual(
        [...(route.publishesEvents ? ['events:PutEvents'] : []), 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
      );
      const putEvents = statements.filter((statement) => [statement.Action].flat().includes('events:PutEvents'));
      for (const statement of putEvents) expect(statement.Resource).toEqual({ 'Fn::GetAtt': [busId(), 'Arn'] });
    }
  });
});

const busId = () => Object.keys(template.findResources('AWS::Events::EventBus'))[0]!;

describe('events', () => {
  test('one event bus; the publishing functions know its name, and every function the API URL for links', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasOutput('EventBusName', Match.anyValue());
    expect(routes.filter((route) => route.publishesEvents).length).toBeGreaterThan(5);
    for (const route of routes) {
      const [, fn] = functionsOf().find(([, f]) => f.Properties.FunctionName === `invites-${route.id}`)!;
      const environment = fn.Properties.Environment.Variables;
      expect(environment.EVENT_BUS_NAME, route.id).toEqual(route.publishesEvents ? { Ref: busId() } : undefined);
      expect(environment.PUBLIC_BASE_URL).toBeDefined();
    }
  });
});

describe('HTTP API', () => {
  test('one route per row with its method and path, integrated with its own function', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Route', routes.length);
    for (const route of routes) {
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: `${route.method} ${route.path}` });
    }
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', routes.length);
    template.allResourcesProperties('AWS::ApiGatewayV2::Integration', { PayloadFormatVersion: '2.0' });
  });

  test('the default stage auto-deploys with throttling', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
  });

  test('outputs the API URL and the table name', () => {
    template.hasOutput('ApiUrl', Match.anyValue());
    template.hasOutput('TableName', Match.anyValue());
  });
});

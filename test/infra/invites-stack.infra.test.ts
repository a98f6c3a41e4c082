/** CDK assertions on the synthesized template (bundling skipped to keep the suite fast). */
import { App } from 'aws-cdk-lib';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, test } from 'vitest';
import { InvitesStack } from '../../infra/invites-stack';
import { planRouteGroups } from '../../infra/route-group';
import { routes } from '../../functions/routes';
import { FIRST_SIGHT_ACCESS } from '../../functions/routes/route';
import { tableSchema } from '../../functions/store/table-schema';
import { cdkAppContext } from '../support/cdk-app-context';
import { flatTemplate } from '../support/flat-template';

let template: Template;

/** The app as `cdk synth` builds it: cdk.json's feature flags, bundling skipped. */
const context = cdkAppContext();

beforeAll(() => {
  template = flatTemplate('TestStack', { stage: 'test' });
});

const functionsOf = () =>
  Object.entries(template.findResources('AWS::Lambda::Function')) as [string, { Properties: Record<string, any> }][];

/** A route's function, found by its description (`<method> <path> (<dialect>)`): no names are fixed. */
const functionOf = (route: (typeof routes)[number]) =>
  functionsOf().find(([, f]) => f.Properties.Description === `${route.method} ${route.path} (${route.dialect.name})`)!;

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
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
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
  test('exactly one function per route, the stream consumer and the webhook deliverer, with the house defaults', () => {
    const functions = functionsOf();
    expect(functions).toHaveLength(routes.length + 2);
    for (const [, { Properties }] of functions) {
      expect(Properties.Runtime).toBe('nodejs22.x');
      expect(Properties.Architectures).toEqual(['arm64']);
      expect(Properties.Handler).toBe('index.handler');
      // The deliverer's tries are cut at 15 s each: its own timeout is above that.
      expect(Properties.Timeout).toBe(Properties.Description?.startsWith('Events → signed webhooks') ? 40 : 15);
      expect(Properties.Environment.Variables).toMatchObject({ NODE_OPTIONS: '--enable-source-maps' });
      expect(Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.stringMatching(/Logs/) });
      expect(Properties.TracingConfig).toEqual({ Mode: 'Active' });
      expect(Properties.FunctionName).toBeUndefined(); // generated: stages side by side never clash
    }
    expect(new Set(routes.map((route) => functionOf(route)[0])).size).toBe(routes.length);
  });

  test('every function has its own log group, and the API its access log group, each with a retention', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', routes.length + 3);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  test('each function may use exactly the table actions its route lists, never dynamodb:*', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: Record<string, any> }[];
    for (const route of routes) {
      const [logicalId] = functionOf(route);
      const roleRef = functionsOf().find(([id]) => id === logicalId)![1].Properties.Role['Fn::GetAtt'][0];
      const statements = policies
        .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleRef))
        .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
      const actions = statements.flatMap((statement) => [statement.Action].flat());
      const dynamoDbActions = actions.filter((action: string) => action.startsWith('dynamodb:')).sort();
      expect(dynamoDbActions).toEqual(route.tableAccess.map((action) => `dynamodb:${action}`).sort());
      expect(actions).not.toContain('dynamodb:*');
      // The table key's use (through DynamoDB only), the token key's secret for the routes that make tokens, X-Ray. No PutEvents: events come from the stream.
      expect(actions.filter((action: string) => !action.startsWith('dynamodb:')).sort()).toEqual(
        [
          'kms:Decrypt',
          'kms:Encrypt',
          'kms:GenerateDataKey*',
          'kms:ReEncrypt*',
          // The token key's secret, decrypted with the table key through Secrets Manager only.
          ...(route.makesInvitationTokens ? ['kms:Decrypt', 'secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'] : []),
          // The webhook re-sends: the retry queue (checked below to be that queue only).
          ...(route.sendsWebhookDeliveries ? ['sqs:SendMessage'] : []),
          // Active tracing.
          'xray:PutTelemetryRecords',
          'xray:PutTraceSegments',
        ].sort(),
      );
      const kms = statements.filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('kms:')));
      const via = (service: string) => ({
        StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', [`${service}.`, { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
      });
      const conditions = kms.map((statement) => statement.Condition);
      expect(conditions).toHaveLength(route.makesInvitationTokens ? 2 : 1);
      expect(conditions).toEqual(
        expect.arrayContaining([via('dynamodb'), ...(route.makesInvitationTokens ? [via('secretsmanager')] : [])]),
      );
      const putEvents = statements.filter((statement) => [statement.Action].flat().includes('events:PutEvents'));
      for (const statement of putEvents) expect(statement.Resource).toEqual({ 'Fn::GetAtt': [busId(), 'Arn'] });
    }
  });
});

describe('trusted OIDC issuers (-c trustedIssuers)', () => {
  const issuers = [{ issuer: 'https://issuer.example.com/', audiences: ['invites'] }];
  const dynamoDbActionsOf = (stackTemplate: Template, route: (typeof routes)[number]) => {
    const functions = Object.entries(stackTemplate.findResources('AWS::Lambda::Function')) as [
      string,
      { Properties: Record<string, any> },
    ][];
    const [, fn] = functions.find(([, f]) => f.Properties.Description === `${route.method} ${route.path} (${route.dialect.name})`)!;
    const roleRef = fn.Properties.Role['Fn::GetAtt'][0];
    const policies = Object.values(stackTemplate.findResources('AWS::IAM::Policy')) as { Properties: Record<string, any> }[];
    const actions = policies
      .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleRef))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .flatMap((statement: { Action: string | string[] }) => [statement.Action].flat())
      .filter((action: string) => action.startsWith('dynamodb:'));
    return { environment: fn.Properties.Environment.Variables as Record<string, unknown>, actions: [...new Set(actions)].sort() };
  };

  test('authenticated routes get the issuers and what a first sight writes; anonymous ones neither', () => {
    const withIssuers = flatTemplate('IssuersStack', { stage: 'test', trustedIssuers: JSON.stringify(issuers) });
    for (const route of routes) {
      const { environment, actions } = dynamoDbActionsOf(withIssuers, route);
      if (route.anonymous) {
        expect(environment.TRUSTED_ISSUERS, route.id).toBeUndefined();
        expect(actions, route.id).toEqual(route.tableAccess.map((action) => `dynamodb:${action}`).sort());
      } else {
        expect(JSON.parse(String(environment.TRUSTED_ISSUERS))).toEqual([
          { ...issuers[0], claims: { username: 'preferred_username', name: 'name', email: 'email' } },
        ]);
        expect(actions, route.id).toEqual(
          [...new Set([...route.tableAccess, ...FIRST_SIGHT_ACCESS])].map((action) => `dynamodb:${action}`).sort(),
        );
      }
    }
    // Without the setting, authenticated functions declare it empty (a local run of the template may
    // set it, as SAM's --env-vars sets only declared variables); the table above checks their grants.
    for (const route of routes) {
      const [, fn] = functionOf(route);
      expect(fn.Properties.Environment.Variables.TRUSTED_ISSUERS, route.id).toBe(route.anonymous ? undefined : '');
    }
  });

  test('a malformed setting fails the synthesis, saying why', () => {
    expect(() => flatTemplate('BadIssuersStack', { stage: 'test', trustedIssuers: JSON.stringify([{ issuer: 'https://x' }]) })).toThrow(
      /audiences, authorizedParties/,
    );
  });

  test('stage settings (-c stageSettings) reach exactly the routes that name them; a malformed one fails the synthesis', () => {
    const withSettings = flatTemplate('SettingsStack', { stage: 'test', stageSettings: JSON.stringify({ RC_INVITE_TOKENS: 'id' }) });
    for (const route of routes) {
      const { environment } = dynamoDbActionsOf(withSettings, route);
      expect(environment.RC_INVITE_TOKENS, route.id).toBe(route.stageSettings?.includes('RC_INVITE_TOKENS') ? 'id' : undefined);
    }
    expect(routes.filter((route) => route.stageSettings?.includes('RC_INVITE_TOKENS')).map((route) => route.id)).toEqual([
      'rocketchat-find-or-create-invite',
      'rocketchat-list-invites',
      'rocketchat-remove-invite',
    ]);
    expect(() => flatTemplate('BadSettingsStack', { stage: 'test', stageSettings: '{"RC_INVITE_TOKENS": 1}' })).toThrow(
      /JSON object of strings/,
    );
  });
});

const busId = () => Object.keys(template.findResources('AWS::Events::EventBus'))[0]!;

describe("events from the table's stream", () => {
  const consumer = () => functionsOf().find(([, f]) => f.Properties.Description === 'Table stream → service events → EventBridge')!;
  const statementsOf = (fn: { Properties: Record<string, any> }) => {
    const roleRef = fn.Properties.Role['Fn::GetAtt'][0];
    return (Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: Record<string, any> }[])
      .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleRef))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
  };

  test('the table streams new and old images; one bus; no route function publishes (none has PutEvents or the bus name)', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasOutput('EventBusName', Match.anyValue());
    for (const route of routes) {
      const [, fn] = functionOf(route);
      expect(fn.Properties.Environment.Variables.EVENT_BUS_NAME, route.id).toBeUndefined();
      expect(
        statementsOf(fn).flatMap((statement) => [statement.Action].flat()),
        route.id,
      ).not.toContain('events:PutEvents');
      // The token key: only where tokens are made.
      expect(Boolean(fn.Properties.Environment.Variables.INVITATION_TOKEN_SECRET_ARN), route.id).toBe(Boolean(route.makesInvitationTokens));
      // Declared empty (sam local invoke may set it); empty means "ask Secrets Manager".
      expect(fn.Properties.Environment.Variables.INVITATION_TOKEN_KEY, route.id).toBe(route.makesInvitationTokens ? '' : undefined);
    }
    expect(
      routes
        .filter((route) => route.makesInvitationTokens)
        .map((route) => route.id)
        .sort(),
    ).toEqual([
      'quranreflect-groups-invite-user',
      'quranreflect-rooms-invite',
      'rocketchat-find-or-create-invite',
      'rocketchat-list-invites',
      'rocketchat-send-invitation-email',
    ]);
  });

  test('the consumer: triggered by the stream with batch item failures, bisecting, bounded retries and age, a dead-letter queue', () => {
    const [consumerId] = consumer();
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: consumerId },
      EventSourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Table'), 'StreamArn'] },
      StartingPosition: 'TRIM_HORIZON',
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 21_600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [Match.stringLikeRegexp('DeadLetters'), 'Arn'] } } },
    });
    // The consumer's dead-letter queue, and the webhooks' events, retries and dead letters.
    template.resourceCountIs('AWS::SQS::Queue', 4);
  });

  test('the consumer holds least privilege: the stream, the bus, the token key, the dead-letter queue; no table item access', () => {
    const [, fn] = consumer();
    const statements = statementsOf(fn);
    const actions = statements.flatMap((statement) => [statement.Action].flat()).sort();
    expect(actions.filter((action: string) => action.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
    ]);
    expect(actions).toContain('events:PutEvents');
    expect(actions).toContain('secretsmanager:GetSecretValue');
    expect(actions.some((action: string) => action.startsWith('sqs:Send'))).toBe(true);
    for (const statement of statements.filter((s) => [s.Action].flat().includes('events:PutEvents'))) {
      expect(statement.Resource).toEqual({ 'Fn::GetAtt': [busId(), 'Arn'] });
    }
    const variables = fn.Properties.Environment.Variables;
    expect(variables).toMatchObject({
      EVENT_BUS_NAME: { Ref: busId() },
      INVITATION_TOKEN_SECRET_ARN: expect.anything(),
      PUBLIC_BASE_URL: expect.anything(),
    });
    expect(variables.TABLE_NAME).toBeUndefined();
  });

  test("alarms on the dead-letter queue's depth and on the stream's iterator age", () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', Threshold: 300_000 });
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

  test('the default stage auto-deploys with throttling and JSON access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
      AccessLogSettings: {
        DestinationArn: Match.anyValue(),
        Format: Match.stringLikeRegexp('"integrationError":"\\$context.integrationErrorMessage"'),
      },
    });
  });

  test('stage names in the names that must be unique; CORS off unless origins are given', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { Name: 'invites-test' });
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'invites-test' });
    expect(
      template.findResources('AWS::ApiGatewayV2::Api')[Object.keys(template.findResources('AWS::ApiGatewayV2::Api'))[0]!]!.Properties
        .CorsConfiguration,
    ).toBeUndefined();
    const withCors = flatTemplate('CorsStack', { stage: 'other', corsOrigins: ['https://app.example.com'] });
    withCors.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      Name: 'invites-other',
      CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://app.example.com'] }),
    });
  });

  test('outputs the API URL and the table name', () => {
    template.hasOutput('ApiUrl', Match.anyValue());
    template.hasOutput('TableName', Match.anyValue());
  });
});

describe('monitoring', () => {
  test('errors, throttles and p99 duration per route group and per other function; API 5xx rate; DynamoDB throttles and system errors; all to one topic', () => {
    // Three per route group and for the stream consumer and the deliverer, API and table, the consumer's two, the webhooks' two.
    template.resourceCountIs('AWS::CloudWatch::Alarm', (planRouteGroups(routes).length + 2) * 3 + 3 + 2 + 2);
    const topic = Object.keys(template.findResources('AWS::SNS::Topic'));
    expect(topic).toHaveLength(1);
    template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: topic[0] }] });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Duration', ExtendedStatistic: 'p99', Threshold: 12_000 });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    template.hasOutput('AlarmTopicArn', Match.anyValue());
  });
});

describe('notifier (with -c senderEmail)', () => {
  let notifierTemplate: Template;
  beforeAll(() => {
    notifierTemplate = flatTemplate('MailStack', {
      stage: 'mail',
      senderEmail: 'invites@example.com',
      invitationAppUrl: 'https://app.example.com/i/{groupId}?t={token}&a={action}',
    });
  });
  const notifierFunction = (description: string) =>
    Object.entries(notifierTemplate.findResources('AWS::Lambda::Function')).find(
      ([, f]) => (f as { Properties: { Description?: string } }).Properties.Description === description,
    ) as [string, { Properties: Record<string, any> }];
  const policiesOf = (logicalId: string) =>
    Object.values(notifierTemplate.findResources('AWS::IAM::Policy')).filter((p) =>
      (p as { Properties: { Roles: { Ref: string }[] } }).Properties.Roles.some((role) =>
        role.Ref.startsWith(logicalId.replace(/[0-9A-F]{8}$/, '')),
      ),
    ) as { Properties: { PolicyDocument: { Statement: { Action: string | string[]; Resource: unknown }[] } } }[];
  const actionsOf = (logicalId: string) =>
    policiesOf(logicalId).flatMap((p) => p.Properties.PolicyDocument.Statement.flatMap((s) => [s.Action].flat()));

  test('without a sender there is no notifier (and synth warns); with one: the identity and a configuration set that suppresses', () => {
    template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    template.resourceCountIs('AWS::SQS::Queue', 4);
    notifierTemplate.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'invites@example.com' });
    notifierTemplate.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    notifierTemplate.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
        EventBridgeDestination: Match.anyValue(),
      }),
    });
  });

  test('the bus rule sends the invitation events to a queue with a dead-letter queue; the function reports batch item failures', () => {
    notifierTemplate.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['invites'],
        'detail-type': ['Invitation Created', 'Invitation Email Requested', 'Webhook Endpoint Disabled'],
      },
      Targets: [Match.objectLike({ Arn: Match.anyValue() })],
    });
    notifierTemplate.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() },
      VisibilityTimeout: 90,
    });
    const [id, fn] = notifierFunction('Invitation events → SES e-mails');
    expect(fn.Properties.Environment.Variables).toMatchObject({
      SENDER_EMAIL: 'invites@example.com',
      INVITATION_APP_URL: 'https://app.example.com/i/{groupId}?t={token}&a={action}',
      SES_CONFIGURATION_SET: expect.anything(),
    });
    notifierTemplate.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: id },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  test('least privilege: ses:SendEmail on the identity and the configuration set only; table actions by need; no bus, no stream', () => {
    const [id] = notifierFunction('Invitation events → SES e-mails');
    const statements = policiesOf(id).flatMap((p) => p.Properties.PolicyDocument.Statement);
    const ses = statements.filter((s) => [s.Action].flat().some((a) => a.startsWith('ses:')));
    expect(ses).toHaveLength(1);
    expect(ses[0]!.Action).toBe('ses:SendEmail');
    expect(JSON.stringify(ses[0]!.Resource)).toMatch(/identity\/invites@example.com/);
    expect(JSON.stringify(ses[0]!.Resource)).toMatch(/configuration-set\//);
    expect(JSON.stringify(ses[0]!.Resource)).not.toContain('"*"');
    const actions = actionsOf(id);
    expect(actions.filter((a) => a.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:DeleteItem',
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
    ]);
    expect(actions.some((a) => a.startsWith('events:') || a.startsWith('dynamodb:GetRecords'))).toBe(false);
    const [feedbackId] = notifierFunction('SES bounces and complaints → the suppression list');
    expect(actionsOf(feedbackId).filter((a) => a.startsWith('dynamodb:'))).toEqual(['dynamodb:PutItem']);
  });

  test("SES's bounces and complaints of this configuration set (default bus) reach the feedback function; alarms and dashboard", () => {
    notifierTemplate.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ses'],
        'detail-type': ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [Match.anyValue()] } } },
      },
    });
    expect(
      Object.values(notifierTemplate.findResources('AWS::CloudWatch::Alarm')).map(
        (a) => (a as { Properties: { AlarmDescription: string } }).Properties.AlarmDescription,
      ),
    ).toEqual(expect.arrayContaining([expect.stringContaining('notifier dead-letter queue'), expect.stringContaining('failing to send')]));
    const dashboard = JSON.stringify(notifierTemplate.findResources('AWS::CloudWatch::Dashboard'));
    for (const metric of ['EmailsSent', 'EmailsSuppressed', 'SuppressionsAdded']) expect(dashboard).toContain(metric);
    notifierTemplate.hasOutput('NotifierDeadLetterQueueUrl', Match.anyValue());
  });
});

describe('cdk-nag', () => {
  test('AwsSolutions checks pass: every finding left is acknowledged in infra/nag-acknowledgements.ts, with its reason', async () => {
    const { Validations } = await import('aws-cdk-lib');
    const { AwsSolutionsChecks } = await import('cdk-nag');
    const app = new App({ context });
    new InvitesStack(app, 'NagStack', { stage: 'nag', alarmEmail: 'ops@example.com', senderEmail: 'invites@example.com' });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });

  test('the checks do find what is not acknowledged (the test can fail)', async () => {
    const { Validations, Stack } = await import('aws-cdk-lib');
    const { AwsSolutionsChecks } = await import('cdk-nag');
    const { Topic } = await import('aws-cdk-lib/aws-sns');
    const app = new App({ context });
    new Topic(new Stack(app, 'Bare'), 'Plain'); // no SSL enforcement, no encryption
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-SNS/);
  });
});

describe('webhooks', () => {
  const deliverer = () => functionsOf().find(([, f]) => f.Properties.Description === 'Events → signed webhooks (Standard Webhooks v1)')!;
  const queueId = (name: string) => Object.keys(template.findResources('AWS::SQS::Queue')).find((id) => id.startsWith(`Webhooks${name}`))!;
  const statementsOfRole = (roleRef: string) =>
    (Object.values(template.findResources('AWS::IAM::Policy')) as { Properties: Record<string, any> }[])
      .filter((policy) => policy.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleRef))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[]);

  test('every event of the bus → the events queue; both queues feed the deliverer with batch item failures, each with its own share of pollers', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['invites'] },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [queueId('Events'), 'Arn'] } })],
    });
    const [id] = deliverer();
    for (const name of ['Events', 'Retries']) {
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: id },
        EventSourceArn: { 'Fn::GetAtt': [queueId(name), 'Arn'] },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: 20 },
      });
      template.hasResourceProperties('AWS::SQS::Queue', {
        RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: { 'Fn::GetAtt': [queueId('DeadLetters'), 'Arn'] } },
        VisibilityTimeout: 240,
      });
    }
  });

  test('the deliverer: its table actions, sqs:SendMessage on the retry queue only, and never the local http flag', () => {
    const [, fn] = deliverer();
    const statements = statementsOfRole(fn.Properties.Role['Fn::GetAtt'][0]);
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions.filter((action) => action.startsWith('dynamodb:')).sort()).toEqual([
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:Query',
      'dynamodb:UpdateItem',
    ]);
    const send = statements.filter((statement) => [statement.Action].flat().includes('sqs:SendMessage'));
    expect(send.map((statement) => statement.Resource)).toEqual([{ 'Fn::GetAtt': [queueId('Retries'), 'Arn'] }]);
    expect(fn.Properties.Environment.Variables).toMatchObject({ WEBHOOK_RETRY_QUEUE_URL: { Ref: queueId('Retries') } });
    // Endpoints at http://127.0.0.1 are for `npm start` only: declared empty (so that a local run of
    // the template may set it, as DYNAMODB_ENDPOINT) where URLs are checked or sent to, set nowhere.
    const declaring = functionsOf().filter(([, f]) => 'WEBHOOKS_ALLOW_LOCAL_HTTP' in f.Properties.Environment.Variables);
    expect(declaring.map(([, f]) => f.Properties.Description).sort()).toEqual([
      'Events → signed webhooks (Standard Webhooks v1)',
      'POST /webhooks/v1/endpoints (webhooks)',
      'PUT /webhooks/v1/endpoints/{endpointId} (webhooks)',
    ]);
    for (const [, f] of declaring) expect(f.Properties.Environment.Variables.WEBHOOKS_ALLOW_LOCAL_HTTP).toBe('');
  });

  test('the re-send routes send to the retry queue and nowhere else; alarms on its dead letters and on a disabled endpoint', () => {
    for (const route of routes.filter((r) => r.sendsWebhookDeliveries)) {
      const [, fn] = functionsOf().find(([id]) => id === functionOf(route)[0])!;
      const send = statementsOfRole(fn.Properties.Role['Fn::GetAtt'][0]).filter((statement) =>
        [statement.Action].flat().some((action) => action.startsWith('sqs:')),
      );
      expect(send).toHaveLength(1);
      expect(send[0]!.Action).toBe('sqs:SendMessage');
      expect(JSON.stringify(send[0]!.Resource)).toContain(queueId('Retries'));
    }
    expect(routes.filter((r) => r.sendsWebhookDeliveries).map((r) => r.id)).toEqual([
      'webhooks-endpoint-test',
      'webhooks-endpoint-recover',
      'webhooks-delivery-resend',
    ]);
    const descriptions = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(
      (a) => (a as { Properties: { AlarmDescription?: string } }).Properties.AlarmDescription ?? '',
    );
    expect(descriptions).toEqual(
      expect.arrayContaining([
        expect.stringContaining('webhooks dead-letter queue'),
        expect.stringContaining('webhook endpoint was disabled'),
      ]),
    );
  });
});

/**
 * Invitations that arrive: the bus's invitation events → a rule → an SQS queue (dead-letter
 * queue after 5 receives, alarmed) → the notifier Lambda (Powertools Batch: failed records come
 * back alone) → SESv2 SendEmail from the sender identity, through a configuration set whose
 * bounce and complaint events (on the account's default bus, where SES puts them) feed a second
 * function that writes the suppression list. Least privilege: ses:SendEmail on that identity and
 * configuration set only; table actions by what each function does.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, GraphWidget, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { ConfigurationSet, EmailIdentity, EmailSendingEvent, EventDestination, Identity, SuppressionReasons } from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { notifiedTypes } from '../functions/registry';
import { EVENT_SOURCE } from '../functions/events/catalogue';
import { deadLetterAlarm } from './dead-letter-alarm';
import { FUNCTION_TIMEOUT, InvitesFunction } from './invites-function';

export interface NotifierProps {
  stage: string;
  table: Table;
  tableKey: Key;
  eventBus: EventBus;
  /** The From address; its SES identity is made by the stack (SES e-mails it a verification link). */
  senderEmail: string;
  /** Where the links in QuranReflect e-mails go (`{groupId}`, `{token}`, `{action}`); default the API's own. */
  appUrlTemplate?: string;
  /** Rocket.Chat's site, for `[Site_URL]` (default the API's URL). */
  siteUrl: string;
  notifierEntry: string;
  feedbackEntry: string;
}

export class Notifier extends Construct {
  readonly fn: InvitesFunction;
  readonly feedbackFn: InvitesFunction;
  readonly queue: Queue;
  readonly deadLetters: Queue;
  readonly configurationSet: ConfigurationSet;
  readonly alarms: Alarm[];
  readonly widgets: GraphWidget[];

  constructor(scope: Construct, id: string, props: NotifierProps) {
    super(scope, id);
    const { table } = props;
    const identity = new EmailIdentity(this, 'SenderIdentity', { identity: Identity.email(props.senderEmail) });
    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      // SES's own account-level list is consulted too; the service's list is what the notifier reads (and counts).
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    // SES publishes a configuration set's events to the default bus only.
    const defaultBus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    this.configurationSet.addEventDestination('ToEventBridge', {
      destination: EventDestination.eventBus(defaultBus),
      events: [EmailSendingEvent.SEND, EmailSendingEvent.DELIVERY, EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Lambda's advice: six times the function's timeout, so a batch in flight is not handed out again.
      visibilityTimeout: Duration.seconds(FUNCTION_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
    });
    new Rule(this, 'InvitationEvents', {
      eventBus: props.eventBus,
      description: 'Invitation events the notifier e-mails',
      eventPattern: { source: [EVENT_SOURCE], detailType: notifiedTypes() },
      targets: [new SqsQueue(this.queue)],
    });

    const dynamoDbViaService = new PolicyStatement({
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
      resources: [props.tableKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
    });

    this.fn = new InvitesFunction(this, 'Function', {
      description: 'Invitation events → SES e-mails',
      entry: props.notifierEntry,
      environment: {
        TABLE_NAME: table.tableName,
        STAGE: props.stage,
        LOG_LEVEL: 'INFO',
        SENDER_EMAIL: props.senderEmail,
        SES_CONFIGURATION_SET: this.configurationSet.configurationSetName,
        PUBLIC_BASE_URL: props.siteUrl,
        ...(props.appUrlTemplate ? { INVITATION_APP_URL: props.appUrlTemplate } : {}),
      },
    });
    // Reads (the invitation, group, invitee, settings, suppressions) and the delivery claims.
    table.grant(this.fn, 'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem');
    this.fn.addToRolePolicy(dynamoDbViaService);
    this.fn.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['ses:SendEmail'],
        resources: [
          Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: props.senderEmail }),
          Stack.of(this).formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: this.configurationSet.configurationSetName,
          }),
        ],
      }),
    );
    this.fn.node.addDependency(identity);
    this.fn.addEventSource(
      new SqsEventSource(this.queue, { batchSize: 10, maxBatchingWindow: Duration.seconds(1), reportBatchItemFailures: true }),
    );

    this.feedbackFn = new InvitesFunction(this, 'FeedbackFunction', {
      description: 'SES bounces and complaints → the suppression list',
      entry: props.feedbackEntry,
      environment: { TABLE_NAME: table.tableName, STAGE: props.stage, LOG_LEVEL: 'INFO' },
    });
    table.grant(this.feedbackFn, 'dynamodb:PutItem');
    this.feedbackFn.addToRolePolicy(dynamoDbViaService);
    new Rule(this, 'SesFeedback', {
      eventBus: defaultBus,
      description: "Bounces and complaints of the invitation e-mails (this stack's configuration set)",
      eventPattern: {
        source: ['aws.ses'],
        detailType: ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [this.configurationSet.configurationSetName] } } },
      },
      targets: [new LambdaFunction(this.feedbackFn, { retryAttempts: 10 })],
    });

    const invites = (metricName: string) =>
      new Metric({
        namespace: 'Invites',
        metricName,
        dimensionsMap: { service: 'invites' },
        statistic: 'Sum',
        period: Duration.minutes(5),
      });
    this.alarms = [
      deadLetterAlarm(
        this,
        'DeadLettersAlarm',
        this.deadLetters,
        'Invitation e-mails that could not be sent after 5 tries (see the notifier dead-letter queue)',
      ),
      new Alarm(this, 'SendFailuresAlarm', {
        treatMissingData: TreatMissingData.NOT_BREACHING,
        metric: invites('EmailSendFailures'),
        threshold: 10,
        evaluationPeriods: 2,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription: 'Invitation e-mails failing to send (SES refusing or throttling) for 10 minutes',
      }),
    ];
    this.widgets = [
      new GraphWidget({
        title: 'Invitation e-mails',
        left: ['EmailsSent', 'EmailsSuppressed', 'EmailsSkipped', 'EmailSendFailures'].map(invites),
        width: 12,
      }),
      new GraphWidget({
        title: 'Bounces, complaints, suppressions, dead letters',
        left: [invites('SuppressionsAdded'), this.deadLetters.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' })],
        width: 12,
      }),
    ];
  }
}

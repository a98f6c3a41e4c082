/**
 * Webhook delivery (docs/webhooks.md): every event on the bus → a rule → the events queue → the
 * deliverer, which tries each endpoint that wants the event at once (each try cut at 15 s); a
 * failed try goes to the retry queue with a delay (SQS DelaySeconds, at most 15 min a hop: the
 * message carries when it is due), which feeds the same function. An endpoint already failing gets
 * its first tries from the retry queue too, so a dead endpoint never holds up the events queue.
 * Dead-letter queues behind both (5 receives: a record that could not be processed, never a
 * receiver's refusal), alarmed; an alarm on endpoints being disabled. Least privilege: the
 * table actions the deliverer uses, sqs:SendMessage on the retry queue only.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, GraphWidget, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { type EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '../functions/events/catalogue';
import { deadLetterAlarm } from './dead-letter-alarm';
import { InvitesFunction } from './invites-function';

/** A try is cut at 15 s; ten tries of one batch run at once, and a hop back to the queue is quick. */
export const DELIVERER_TIMEOUT = Duration.seconds(40);

export interface WebhooksProps {
  stage: string;
  table: Table;
  tableKey: Key;
  eventBus: EventBus;
  delivererEntry: string;
}

export class Webhooks extends Construct {
  readonly fn: InvitesFunction;
  readonly eventsQueue: Queue;
  readonly retryQueue: Queue;
  readonly deadLetters: Queue;
  readonly alarms: Alarm[];
  readonly widgets: GraphWidget[];

  constructor(scope: Construct, id: string, props: WebhooksProps) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const queue = (queueId: string, retention: Duration) =>
      new Queue(this, queueId, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        // Lambda's advice: six times the function's timeout, so a batch in flight is not handed out again.
        visibilityTimeout: Duration.seconds(DELIVERER_TIMEOUT.toSeconds() * 6),
        retentionPeriod: retention,
        deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: 5 },
      });
    this.eventsQueue = queue('Events', Duration.days(4));
    // The schedule's tries span about 28 hours; a message waits at most 15 minutes a hop.
    this.retryQueue = queue('Retries', Duration.days(4));
    new Rule(this, 'AllEvents', {
      eventBus: props.eventBus,
      description: 'Every event of the service, for the webhook endpoints',
      eventPattern: { source: [EVENT_SOURCE] },
      targets: [new SqsQueue(this.eventsQueue)],
    });

    this.fn = new InvitesFunction(this, 'Deliverer', {
      description: 'Events → signed webhooks (Standard Webhooks v1)',
      entry: props.delivererEntry,
      timeout: DELIVERER_TIMEOUT,
      environment: {
        TABLE_NAME: props.table.tableName,
        STAGE: props.stage,
        LOG_LEVEL: 'INFO',
        WEBHOOK_RETRY_QUEUE_URL: this.retryQueue.queueUrl,
        // Declared empty, never set deployed: a local run of the template may allow http://127.0.0.1 endpoints.
        WEBHOOKS_ALLOW_LOCAL_HTTP: '',
      },
    });
    // The endpoints (Query, GetItem), the claims and outcomes (UpdateItem; with the attempt log:
    // TransactWriteItems of Update + Put), the failing mark, the disabling with its event note.
    props.table.grant(this.fn, 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:UpdateItem', 'dynamodb:PutItem');
    this.fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
        resources: [props.tableKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` } },
      }),
    );
    this.fn.addToRolePolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.retryQueue.queueArn] }));
    for (const source of [this.eventsQueue, this.retryQueue])
      this.fn.addEventSource(
        new SqsEventSource(source, {
          batchSize: 10,
          maxBatchingWindow: Duration.seconds(1),
          reportBatchItemFailures: true,
          // Each queue's own share of the function: the retries (dead endpoints' among them) can never take the events' pollers.
          maxConcurrency: 20,
        }),
      );

    const invites = (metricName: string, period = Duration.minutes(5)) =>
      new Metric({ namespace: 'Invites', metricName, dimensionsMap: { service: 'invites' }, statistic: 'Sum', period });
    this.alarms = [
      deadLetterAlarm(
        this,
        'DeadLettersAlarm',
        this.deadLetters,
        'Webhook deliveries that could not be processed after 5 tries (see the webhooks dead-letter queue)',
      ),
      new Alarm(this, 'EndpointDisabledAlarm', {
        treatMissingData: TreatMissingData.NOT_BREACHING,
        metric: invites('WebhookEndpointsDisabled'),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription: 'A webhook endpoint was disabled (it answered 410, or failed for 5 days): its contact was e-mailed',
      }),
    ];
    this.widgets = [
      new GraphWidget({
        title: 'Webhooks',
        left: ['WebhooksDelivered', 'WebhookAttemptsFailed', 'WebhookEndpointsDisabled'].map((name) => invites(name)),
        right: [this.retryQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' })],
        width: 12,
      }),
    ];
  }
}

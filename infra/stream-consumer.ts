/**
 * Events from committed data: the table's stream (new and old images) feeds one function that
 * derives the service's events and puts them on the bus. Failed records are retried from where
 * they failed (batch item failures, bisecting), at most 5 times and for at most 6 hours, then
 * described in an SQS dead-letter queue; alarms watch that queue and the stream's iterator age.
 */
import { Duration } from 'aws-cdk-lib';
import { Alarm, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { deadLetterAlarm } from './dead-letter-alarm';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { InvitesFunction } from './invites-function';

export interface StreamConsumerProps {
  entry: string;
  table: Table;
  eventBus: EventBus;
  tokenKey: ISecret;
  publicBaseUrl: string;
}

/** How far behind the stream the consumer may fall before the alarm (records wait at most 6 h). */
const ITERATOR_AGE_ALARM = Duration.minutes(5);

export class StreamConsumer extends Construct {
  readonly fn: InvitesFunction;
  readonly deadLetters: Queue;
  readonly alarms: Alarm[];

  constructor(scope: Construct, id: string, props: StreamConsumerProps) {
    super(scope, id);
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.fn = new InvitesFunction(this, 'Function', {
      description: 'Table stream → service events → EventBridge',
      entry: props.entry,
      environment: {
        EVENT_BUS_NAME: props.eventBus.eventBusName,
        PUBLIC_BASE_URL: props.publicBaseUrl,
        INVITATION_TOKEN_SECRET_ARN: props.tokenKey.secretArn,
        // Declared empty so that a local run (sam local --env-vars, npm start -- --synthesized) may set a local key.
        INVITATION_TOKEN_KEY: '',
        LOG_LEVEL: 'INFO',
      },
    });
    // Least privilege: the stream (granted by the event source, with the table key's decrypt),
    // the bus, the token key, the dead-letter queue (granted by SqsDlq). No table access.
    props.eventBus.grantPutEventsTo(this.fn);
    props.tokenKey.grantRead(this.fn);
    this.fn.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(6),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetters),
      }),
    );
    this.alarms = [
      deadLetterAlarm(
        this,
        'DeadLettersAlarm',
        this.deadLetters,
        'Stream records that could not be published: their events are missing (see the dead-letter queue)',
      ),
      new Alarm(this, 'IteratorAgeAlarm', {
        treatMissingData: TreatMissingData.NOT_BREACHING,
        metric: this.fn.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: ITERATOR_AGE_ALARM.toMilliseconds(),
        evaluationPeriods: 2,
        alarmDescription: 'The stream consumer is more than 5 minutes behind the table: events are late',
      }),
    ];
  }
}

/**
 * Alarms and a dashboard for a stage: per function errors, throttles and p99 duration near the
 * timeout; the API's 5xx rate; DynamoDB throttles and system errors. Every alarm notifies one SNS
 * topic (with an e-mail subscription when the `alarmEmail` context value is set).
 */
import { Duration } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, Dashboard, GraphWidget, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface MonitoringProps {
  stage: string;
  functions: { routeId: string; fn: LambdaFunction; timeout: Duration }[];
  apiStage: HttpStage;
  table: Table;
  /** Encrypts the alarm topic. */
  key: Key;
  alarmEmail?: string;
  /** Alarms made elsewhere (the stream consumer's) that notify the same topic. */
  alarms?: Alarm[];
  /** Dashboard widgets made elsewhere (the notifier's), one row. */
  widgets?: GraphWidget[];
}

const FIVE_MINUTES = Duration.minutes(5);
/** Operations whose throttles and system errors count (those the functions use). */
const TABLE_OPERATIONS = [Operation.GET_ITEM, Operation.BATCH_GET_ITEM, Operation.QUERY, Operation.UPDATE_ITEM, Operation.TRANSACT_WRITE_ITEMS];

export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.topic = new Topic(this, 'AlarmTopic', { displayName: `invites ${props.stage} alarms`, masterKey: props.key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action = new SnsAction(this.topic);
    const alarm = (alarmId: string, options: ConstructorParameters<typeof Alarm>[2]) => {
      const created = new Alarm(this, alarmId, { treatMissingData: TreatMissingData.NOT_BREACHING, ...options });
      created.addAlarmAction(action);
      this.alarms.push(created);
      return created;
    };

    for (const other of props.alarms ?? []) {
      other.addAlarmAction(action);
      this.alarms.push(other);
    }

    for (const { routeId, fn, timeout } of props.functions) {
      alarm(`${routeId}-errors`, { metric: fn.metricErrors({ period: FIVE_MINUTES }), threshold: 1, evaluationPeriods: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, alarmDescription: `${routeId}: invocation errors (crashes, timeouts)` });
      alarm(`${routeId}-throttles`, { metric: fn.metricThrottles({ period: FIVE_MINUTES }), threshold: 1, evaluationPeriods: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, alarmDescription: `${routeId}: throttled invocations` });
      alarm(`${routeId}-p99-duration`, {
        metric: fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' }),
        // 80 % of the timeout: the function is close to being cut off.
        threshold: timeout.toMilliseconds() * 0.8,
        evaluationPeriods: 3,
        alarmDescription: `${routeId}: p99 duration near the ${timeout.toSeconds()} s timeout`,
      });
    }

    const serverErrorRate = new MathExpression({
      expression: '100 * errors / MAX([requests, 1])',
      usingMetrics: { errors: props.apiStage.metricServerError({ period: FIVE_MINUTES }), requests: props.apiStage.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }) },
      label: 'API 5xx %',
      period: FIVE_MINUTES,
    });
    alarm('api-5xx-rate', { metric: serverErrorRate, threshold: 1, evaluationPeriods: 2, alarmDescription: 'API: more than 1 % of requests answered 5xx' });
    const throttled = props.table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: FIVE_MINUTES });
    const systemErrors = props.table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period: FIVE_MINUTES });
    alarm('table-throttles', { metric: throttled, threshold: 1, evaluationPeriods: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, alarmDescription: 'DynamoDB: throttled requests' });
    alarm('table-system-errors', { metric: systemErrors, threshold: 1, evaluationPeriods: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, alarmDescription: 'DynamoDB: system errors' });

    const functions = props.functions.map(({ fn }) => fn);
    new Dashboard(this, 'Dashboard', {
      widgets: [
        [
          new GraphWidget({ title: 'API requests and errors', left: [props.apiStage.metricCount({ statistic: 'Sum' }), props.apiStage.metricClientError(), props.apiStage.metricServerError()], width: 12 }),
          new GraphWidget({ title: 'API latency p50 / p99 (ms)', left: [props.apiStage.metricLatency({ statistic: 'p50' }), props.apiStage.metricLatency({ statistic: 'p99' })], width: 12 }),
        ],
        [
          new GraphWidget({ title: 'Function errors', left: functions.map((fn) => fn.metricErrors()), width: 12 }),
          new GraphWidget({ title: 'Function duration p99 (ms)', left: functions.map((fn) => fn.metricDuration({ statistic: 'p99' })), width: 12 }),
        ],
        [
          new GraphWidget({ title: 'DynamoDB throttled requests', left: [throttled], width: 12 }),
          new GraphWidget({ title: 'DynamoDB system errors', left: [systemErrors], width: 12 }),
        ],
        ...(props.widgets?.length ? [props.widgets] : []),
      ],
    });
  }
}

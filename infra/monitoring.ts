/**
 * Alarms and a dashboard for a stage: errors, throttles and p99 duration near the timeout (per
 * route group, infra/route-group.ts, and per function for the others); the API's 5xx rate;
 * DynamoDB throttles and system errors; a dashboard with every function's own signals. Every alarm notifies one SNS
 * topic (with an e-mail subscription when the `alarmEmail` context value is set).
 */
import { Duration } from 'aws-cdk-lib';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Operation, type Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface MonitoringProps {
  stage: string;
  apiStage: HttpStage;
  table: Table;
  /** Encrypts the alarm topic. */
  key: Key;
  alarmEmail?: string;
}

export interface WatchedFunction {
  routeId: string;
  fn: LambdaFunction;
  timeout: Duration;
}

const FIVE_MINUTES = Duration.minutes(5);

/** The three signals functions are watched on, one metric each (one function's, or metric math over a group's). */
export interface FunctionSignals<T = IMetric> {
  errors: T;
  throttles: T;
  p99Duration: T;
}

/**
 * The one rule for watching functions, whether one function or a route group: errors and
 * throttles ≥ 1 in 5 minutes, p99 duration above 80 % of the timeout for 3 periods.
 */
export function functionAlarmProps(
  signals: FunctionSignals,
  timeout: Duration,
  descriptions: FunctionSignals<string>,
): FunctionSignals<ConstructorParameters<typeof Alarm>[2]> {
  const atLeastOne = { threshold: 1, evaluationPeriods: 1, comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD };
  return {
    errors: { metric: signals.errors, ...atLeastOne, alarmDescription: descriptions.errors },
    throttles: { metric: signals.throttles, ...atLeastOne, alarmDescription: descriptions.throttles },
    // 80 % of the timeout: a function is close to being cut off.
    p99Duration: {
      metric: signals.p99Duration,
      threshold: timeout.toMilliseconds() * 0.8,
      evaluationPeriods: 3,
      alarmDescription: descriptions.p99Duration,
    },
  };
}

/** A function's own metrics for those signals (5-minute periods). */
export const functionSignals = (fn: LambdaFunction): FunctionSignals => ({
  errors: fn.metricErrors({ period: FIVE_MINUTES }),
  throttles: fn.metricThrottles({ period: FIVE_MINUTES }),
  p99Duration: fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p99' }),
});
/** Operations whose throttles and system errors count (those the functions use). */
const TABLE_OPERATIONS = [
  Operation.GET_ITEM,
  Operation.BATCH_GET_ITEM,
  Operation.QUERY,
  Operation.UPDATE_ITEM,
  Operation.TRANSACT_WRITE_ITEMS,
];

/**
 * Made first (the route groups' alarms notify its topic), then told the functions it watches
 * itself (the stream consumer, the notifier: three alarms each), the alarms made elsewhere, and
 * finally every function for the dashboard.
 */
export class Monitoring extends Construct {
  readonly topic: Topic;
  readonly action: SnsAction;
  readonly alarms: Alarm[] = [];
  private readonly throttled: IMetric;
  private readonly systemErrors: IMetric;

  constructor(
    scope: Construct,
    id: string,
    private readonly props: MonitoringProps,
  ) {
    super(scope, id);
    this.topic = new Topic(this, 'AlarmTopic', { displayName: `invites ${props.stage} alarms`, masterKey: props.key, enforceSSL: true });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    this.action = new SnsAction(this.topic);

    const serverErrorRate = new MathExpression({
      expression: '100 * errors / MAX([requests, 1])',
      usingMetrics: {
        errors: props.apiStage.metricServerError({ period: FIVE_MINUTES }),
        requests: props.apiStage.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
      },
      label: 'API 5xx %',
      period: FIVE_MINUTES,
    });
    this.alarm('api-5xx-rate', {
      metric: serverErrorRate,
      threshold: 1,
      evaluationPeriods: 2,
      alarmDescription: 'API: more than 1 % of requests answered 5xx',
    });
    this.throttled = props.table.metricThrottledRequestsForOperations({ operations: TABLE_OPERATIONS, period: FIVE_MINUTES });
    this.systemErrors = props.table.metricSystemErrorsForOperations({ operations: TABLE_OPERATIONS, period: FIVE_MINUTES });
    this.alarm('table-throttles', {
      metric: this.throttled,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription: 'DynamoDB: throttled requests',
    });
    this.alarm('table-system-errors', {
      metric: this.systemErrors,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription: 'DynamoDB: system errors',
    });
  }

  private alarm(alarmId: string, options: ConstructorParameters<typeof Alarm>[2]) {
    const created = new Alarm(this, alarmId, { treatMissingData: TreatMissingData.NOT_BREACHING, ...options });
    created.addAlarmAction(this.action);
    this.alarms.push(created);
    return created;
  }

  /** Errors, throttles and p99 duration near the timeout, one alarm each, for functions outside the route groups. */
  watchFunctions(functions: readonly WatchedFunction[]): void {
    for (const { routeId, fn, timeout } of functions) {
      const props = functionAlarmProps(functionSignals(fn), timeout, {
        errors: `${routeId}: invocation errors (crashes, timeouts)`,
        throttles: `${routeId}: throttled invocations`,
        p99Duration: `${routeId}: p99 duration near the ${timeout.toSeconds()} s timeout`,
      });
      this.alarm(`${routeId}-errors`, props.errors);
      this.alarm(`${routeId}-throttles`, props.throttles);
      this.alarm(`${routeId}-p99-duration`, props.p99Duration);
    }
  }

  /** Alarms made elsewhere (the stream consumer's, the notifier's) that notify the same topic. */
  notifyOn(alarms: readonly Alarm[]): void {
    for (const other of alarms) {
      other.addAlarmAction(this.action);
      this.alarms.push(other);
    }
  }

  /** The dashboard: the API, every function's own errors and p99 duration, the table, and one row of widgets made elsewhere. */
  addDashboard(functions: readonly LambdaFunction[], widgets: readonly GraphWidget[] = []): Dashboard {
    const { apiStage } = this.props;
    return new Dashboard(this, 'Dashboard', {
      widgets: [
        [
          new GraphWidget({
            title: 'API requests and errors',
            left: [apiStage.metricCount({ statistic: 'Sum' }), apiStage.metricClientError(), apiStage.metricServerError()],
            width: 12,
          }),
          new GraphWidget({
            title: 'API latency p50 / p99 (ms)',
            left: [apiStage.metricLatency({ statistic: 'p50' }), apiStage.metricLatency({ statistic: 'p99' })],
            width: 12,
          }),
        ],
        [
          new GraphWidget({ title: 'Function errors', left: functions.map((fn) => fn.metricErrors()), width: 12 }),
          new GraphWidget({
            title: 'Function duration p99 (ms)',
            left: functions.map((fn) => fn.metricDuration({ statistic: 'p99' })),
            width: 12,
          }),
        ],
        [
          new GraphWidget({ title: 'DynamoDB throttled requests', left: [this.throttled], width: 12 }),
          new GraphWidget({ title: 'DynamoDB system errors', left: [this.systemErrors], width: 12 }),
        ],
        ...(widgets.length ? [[...widgets]] : []),
      ],
    });
  }
}

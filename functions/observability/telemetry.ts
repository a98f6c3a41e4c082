/**
 * Logs and metrics, with Powertools for AWS Lambda: JSON log lines (LOG_LEVEL, default INFO) and
 * CloudWatch metrics in the embedded metric format, namespace `Invites`, flushed once per request.
 * Dimensions stay bounded: the service, the route id, an error kind; never a user.
 * POWERTOOLS_METRICS_DISABLED=true (local runs, tests) keeps metrics off stdout.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT'] as const;
const level = (process.env.LOG_LEVEL ?? 'INFO').toUpperCase() as (typeof LOG_LEVELS)[number];

export const logger = new Logger({ serviceName: 'invites', logLevel: LOG_LEVELS.includes(level) ? level : 'INFO' });

export const metrics = new Metrics({ namespace: 'Invites', serviceName: 'invites' });

export type MetricName =
  | 'InvitationsCreated'
  | 'InvitationsAccepted'
  | 'InvitationsRejected'
  | 'MembersAdded'
  | 'MembersRemoved'
  | 'RateLimited'
  | 'ServerErrors'
  | 'ConflictRetries'
  | 'EventsPublished'
  | 'EmailsSent'
  | 'EmailsSuppressed'
  | 'EmailsSkipped'
  | 'EmailsDuplicate'
  | 'EmailSendFailures'
  | 'SuppressionsAdded'
  | 'WebhooksDelivered'
  | 'WebhookAttemptsFailed'
  | 'WebhookEndpointsDisabled';

/** Counts something in this request's metrics (published when the request ends). */
export function countMetric(name: MetricName, value = 1): void {
  if (value > 0) metrics.addMetric(name, MetricUnit.Count, value);
}

/** A 4xx, by kind: its own metric with a `kind` dimension (a handful of values). */
export function countClientError(kind: string, route: string): void {
  const single = metrics.singleMetric();
  single.addDimensions({ route, kind });
  single.addMetric('ClientErrors', MetricUnit.Count, 1);
}

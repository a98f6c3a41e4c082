/**
 * SES's bounce and complaint events (the configuration set → the default bus → this function's
 * rule) → the suppression list the notifier consults. Idempotent: a suppression is a put.
 */
import type { EventBridgeEvent } from 'aws-lambda';
import { suppressionsFrom } from '../../domain/notify/ses-feedback';
import { clock } from '../../lib/clock';
import { countMetric, logger, metrics } from '../../observability/telemetry';
import { putSuppression } from '../../store/suppressions';

export const handler = async (event: EventBridgeEvent<string, Parameters<typeof suppressionsFrom>[0]>) => {
  const suppressions = suppressionsFrom(event.detail, clock.iso());
  await Promise.all(suppressions.map(putSuppression));
  countMetric('SuppressionsAdded', suppressions.length);
  logger.info('SES feedback', { type: event['detail-type'], suppressed: suppressions.length });
  if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
};

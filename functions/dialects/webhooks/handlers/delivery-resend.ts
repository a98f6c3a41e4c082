import { apiHandler } from '../../../chain/api-handler';
import { resendDelivery } from '../../../domain/webhooks/endpoints';
import { webhooksApi } from '../dialect';
import { requireOperator } from '../domain/operators';
import { resendRoute } from '../routes';
import { endpointStore, retryQueue } from './wiring';

/** POST /webhooks/v1/endpoints/{endpointId}/deliveries/{eventId}/resend → {resent}. */
export const handler = apiHandler(resendRoute).handler(async (_event, context) => {
  requireOperator(context.caller);
  return webhooksApi.success(await resendDelivery(context.input.path.endpointId, context.input.path.eventId, endpointStore, retryQueue()));
});

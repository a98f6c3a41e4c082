import { apiHandler } from '../../../chain/api-handler';
import { recoverDeliveries } from '../../../domain/webhooks/endpoints';
import { webhooksApi } from '../dialect';
import { requireOperator } from '../domain/operators';
import { recoverRoute } from '../routes';
import { endpointStore, retryQueue } from './wiring';

/** POST /webhooks/v1/endpoints/{endpointId}/recover {since} → {resent}. */
export const handler = apiHandler(recoverRoute).handler(async (_event, context) => {
  requireOperator(context.caller);
  return webhooksApi.success(await recoverDeliveries(context.input.path.endpointId, context.input.body.since, endpointStore, retryQueue()));
});

import { apiHandler } from '../../../chain/api-handler';
import { updateEndpoint } from '../../../domain/webhooks/endpoints';
import { webhooksApi } from '../dialect';
import { requireOperator } from '../domain/operators';
import { updateEndpointRoute } from '../routes';
import { endpointRules, endpointStore } from './wiring';

/** PUT /webhooks/v1/endpoints/{endpointId} → {endpoint}. */
export const handler = apiHandler(updateEndpointRoute).handler(async (_event, context) => {
  requireOperator(context.caller);
  return webhooksApi.success(await updateEndpoint(context.input.path.endpointId, context.input.body, endpointStore, endpointRules()));
});

import { apiHandler } from '../../../chain/api-handler';
import { deleteEndpoint } from '../../../domain/webhooks/endpoints';
import { webhooksApi } from '../dialect';
import { requireOperator } from '../domain/operators';
import { deleteEndpointRoute } from '../routes';
import { endpointStore } from './wiring';

/** DELETE /webhooks/v1/endpoints/{endpointId} → {deleted}. */
export const handler = apiHandler(deleteEndpointRoute).handler(async (_event, context) => {
  requireOperator(context.caller);
  return webhooksApi.success(await deleteEndpoint(context.input.path.endpointId, endpointStore));
});

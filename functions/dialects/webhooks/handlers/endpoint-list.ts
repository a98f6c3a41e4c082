import { apiHandler } from '../../../chain/api-handler';
import { endpointView } from '../../../domain/webhooks/endpoints';
import { webhooksApi } from '../dialect';
import { requireOperator } from '../domain/operators';
import { listEndpointsRoute } from '../routes';
import { endpointStore } from './wiring';

/** GET /webhooks/v1/endpoints → {endpoints}. */
export const handler = apiHandler(listEndpointsRoute).handler(async (_event, context) => {
  requireOperator(context.caller);
  return webhooksApi.success(await endpointStore.listEndpoints().then((endpoints) => ({ endpoints: endpoints.map(endpointView) })));
});

import { apiHandler } from '../../../chain/api-handler';
import { endpointView, requireEndpoint } from '../../../domain/webhooks/endpoints';
import { webhooksApi } from '../dialect';
import { requireOperator } from '../domain/operators';
import { getEndpointRoute } from '../routes';
import { endpointStore } from './wiring';

/** GET /webhooks/v1/endpoints/{endpointId} → {endpoint}. */
export const handler = apiHandler(getEndpointRoute).handler(async (_event, context) => {
  requireOperator(context.caller);
  return webhooksApi.success(
    await requireEndpoint(context.input.path.endpointId, endpointStore).then((endpoint) => ({ endpoint: endpointView(endpoint) })),
  );
});

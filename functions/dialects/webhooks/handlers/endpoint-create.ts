import { apiHandler } from '../../../chain/api-handler';
import { createEndpoint } from '../../../domain/webhooks/endpoints';
import { webhooksApi } from '../dialect';
import { requireOperator } from '../domain/operators';
import { createEndpointRoute } from '../routes';
import { endpointRules, endpointStore } from './wiring';

/** POST /webhooks/v1/endpoints → {endpoint, secret}. */
export const handler = apiHandler(createEndpointRoute).handler(async (_event, context) => {
  requireOperator(context.caller);
  return webhooksApi.success(await createEndpoint(context.input.body, endpointStore, endpointRules()));
});

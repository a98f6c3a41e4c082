import { apiHandler } from '../../../chain/api-handler';
import { rotateSecret } from '../../../domain/webhooks/endpoints';
import { webhooksApi } from '../dialect';
import { requireOperator } from '../domain/operators';
import { rotateSecretRoute } from '../routes';
import { endpointRules, endpointStore } from './wiring';

/** POST /webhooks/v1/endpoints/{endpointId}/secret/rotate → {endpoint, secret}. */
export const handler = apiHandler(rotateSecretRoute).handler(async (_event, context) => {
  requireOperator(context.caller);
  return webhooksApi.success(await rotateSecret(context.input.path.endpointId, endpointStore, endpointRules()));
});

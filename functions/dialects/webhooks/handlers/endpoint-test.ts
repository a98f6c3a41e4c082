import { apiHandler } from '../../../chain/api-handler';
import { sendTestEvent } from '../../../domain/webhooks/endpoints';
import { webhooksApi } from '../dialect';
import { requireOperator } from '../domain/operators';
import { sendTestRoute } from '../routes';
import { endpointRules, endpointStore, retryQueue } from './wiring';

/** POST /webhooks/v1/endpoints/{endpointId}/test → {endpointId, eventId}. */
export const handler = apiHandler(sendTestRoute).handler(async (_event, context) => {
  requireOperator(context.caller);
  return webhooksApi.success(await sendTestEvent(context.input.path.endpointId, endpointStore, retryQueue(), endpointRules()));
});

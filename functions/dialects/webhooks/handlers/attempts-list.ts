import { apiHandler } from '../../../chain/api-handler';
import { listAttempts } from '../../../domain/webhooks/endpoints';
import { webhooksApi } from '../dialect';
import { requireOperator } from '../domain/operators';
import { listAttemptsRoute } from '../routes';
import { endpointStore } from './wiring';

/** GET /webhooks/v1/endpoints/{endpointId}/attempts?limit= → {attempts}, newest first. */
export const handler = apiHandler(listAttemptsRoute).handler(async (_event, context) => {
  requireOperator(context.caller);
  return webhooksApi.success(await listAttempts(context.input.path.endpointId, Number(context.input.query.limit ?? 50), endpointStore));
});

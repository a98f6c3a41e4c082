/** The webhook management API's registration: its wire dialect, its contracts, and the e-mail an endpoint's disabling asks for. */
import type { DialectModule } from '../../registry/dialect-module';
import { webhooksApi } from './dialect';
import { endpointDisabledEmail } from './domain/endpoint-disabled-email';
import { webhooksRoutes } from './routes';

export const webhooksModule: DialectModule = {
  dialect: webhooksApi,
  routes: webhooksRoutes,
  emails: { 'Webhook Endpoint Disabled': endpointDisabledEmail },
};

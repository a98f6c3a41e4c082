/** The e-mail a `Webhook Endpoint Disabled` event asks for: to the endpoint's contact address, if it has one. */
import type { OutgoingEmail } from '../../../email/mailer';
import { readableUtc, renderEmail } from '../../../email/render';
import type { EmailMaker } from '../../../domain/notify/invitation-emails';
import { getWebhookEndpoint } from '../../../store/webhooks';
import { endpointDisabledTemplate } from '../email/endpoint-disabled';

const WHY = { gone: 'it answered 410 Gone', failing: 'no delivery to it succeeded for 5 days' } as const;

export const endpointDisabledEmail: EmailMaker = async (event) => {
  const { endpointId, reason, failingSince } = event.detail as { endpointId: string; reason: keyof typeof WHY; failingSince?: string };
  const endpoint = await getWebhookEndpoint(endpointId);
  if (!endpoint) return { skip: 'endpoint deleted' };
  if (!endpoint.contactEmail) return { skip: 'no contact address' };
  const email: OutgoingEmail = {
    to: endpoint.contactEmail,
    kind: 'webhook-endpoint-disabled',
    ...renderEmail(endpointDisabledTemplate, {
      endpointId,
      url: endpoint.url,
      why: WHY[reason] ?? reason,
      since: readableUtc(failingSince ?? endpoint.updatedAt),
    }),
  };
  return email;
};

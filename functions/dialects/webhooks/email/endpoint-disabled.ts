/** The e-mail to an endpoint's contact when the service stops sending to it. Data: endpointId, url, why, since. */
import type { EmailTemplate } from '../../../email/render';

export const endpointDisabledTemplate: EmailTemplate = {
  subject: 'Webhook endpoint {{endpointId}} was disabled',
  html: `<!doctype html>
<html>
<body style="font-family: Helvetica, Arial, sans-serif; color: #222; line-height: 1.5">
  <h2>Webhook endpoint disabled</h2>
  <p>We stopped sending events to <strong>{{url}}</strong> (endpoint {{endpointId}}): {{why}}.</p>
  <p>Events since {{since}} were not delivered. Once the endpoint answers again, enable it
  (<code>PUT /webhooks/v1/endpoints/{{endpointId}}</code> with <code>{"enabled": true}</code>) and
  send them again (<code>POST /webhooks/v1/endpoints/{{endpointId}}/recover</code>).</p>
</body>
</html>
`,
  text: `Webhook endpoint disabled

We stopped sending events to {{url}} (endpoint {{endpointId}}): {{why}}.

Events since {{since}} were not delivered. Once the endpoint answers again, enable it
(PUT /webhooks/v1/endpoints/{{endpointId}} with {"enabled": true}) and send them again
(POST /webhooks/v1/endpoints/{{endpointId}}/recover).
`,
};

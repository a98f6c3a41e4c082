/** Which of an endpoint's secrets sign now: the current one, and a rotated one until its time is up. */
import type { WebhookEndpoint } from '../../model';

export const activeSecrets = (endpoint: Pick<WebhookEndpoint, 'secrets'>, nowMs: number): string[] =>
  endpoint.secrets.filter((secret) => !secret.until || Date.parse(secret.until) > nowMs).map((secret) => secret.secret);

/**
 * The webhook deliverer in a test's own process, as `npm start` runs it: its retries through a
 * local queue speaking SQS (local/webhook-queue.ts) that the test drives (`runDue()` after moving
 * the clock), endpoints at http://127.0.0.1 allowed, no jitter.
 */
import { webhookDeliverer } from '../../functions/handlers/webhooks/webhook-deliverer';
import type { Deadline } from '../../functions/webhooks/http-sender';
import { startLocalQueue } from '../../local/webhook-queue';

export async function startTestDeliverer(options: { deadline?: Deadline } = {}) {
  let deliverer!: ReturnType<typeof webhookDeliverer>;
  const queue = await startLocalQueue(
    (body) => deliverer.handle(JSON.parse(body)).then(() => undefined),
    (error) => {
      throw error;
    },
  );
  deliverer = webhookDeliverer({
    queueUrl: queue.url,
    queueEndpoint: new URL(queue.url).origin,
    sender: { allowLocalHttp: true, ...(options.deadline ? { deadline: options.deadline } : {}) },
    random: () => 0.5,
  });
  return { deliverer, queue };
}

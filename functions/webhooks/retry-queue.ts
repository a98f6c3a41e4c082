/**
 * The retry queue (SQS; locally a stand-in speaking SQS's protocol: local/webhook-queue.ts). SQS
 * delays a message at most 15 minutes, so a message carries the time it is due (`notBefore`) and a
 * copy received early is sent back for what is left (`remainingDelaySeconds`): a 10-hour wait is
 * forty hops of 15 minutes, each a message nobody holds meanwhile.
 */
import type { WebhookDeliveryMessage } from '../model';

/** SQS's longest DelaySeconds. */
export const MAX_DELAY_SECONDS = 900;

export type QueuedDelivery = WebhookDeliveryMessage & { notBefore: number };

export interface RetryQueueOptions {
  queueUrl: string;
  /** A stand-in's URL (locally, tests). */
  endpoint?: string;
  nowMs(): number;
}

/** The queue's client, made on first use from the SDK (the Lambda runtime's, deployed). */
export function sqsRetryQueue(options: RetryQueueOptions) {
  let client:
    | Promise<{ sqs: import('@aws-sdk/client-sqs').SQSClient; SendMessageCommand: typeof import('@aws-sdk/client-sqs').SendMessageCommand }>
    | undefined;
  const load = () =>
    (client ??= import('@aws-sdk/client-sqs').then(({ SQSClient, SendMessageCommand }) => ({
      sqs: new SQSClient({
        region: process.env.AWS_REGION ?? 'us-east-1',
        ...(options.endpoint ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      }),
      SendMessageCommand,
    })));
  const send = async (message: QueuedDelivery) => {
    const { sqs, SendMessageCommand } = await load();
    const delay = Math.max(0, Math.ceil((message.notBefore - options.nowMs()) / 1000));
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: options.queueUrl,
        MessageBody: JSON.stringify(message),
        DelaySeconds: Math.min(delay, MAX_DELAY_SECONDS),
      }),
    );
  };
  return {
    schedule: (message: WebhookDeliveryMessage, delaySeconds: number) =>
      send({ ...message, notBefore: options.nowMs() + delaySeconds * 1000 }),
    /** Sends an early copy back for the rest of its wait. */
    requeue: (message: QueuedDelivery) => send(message),
  };
}

/** How long a received message still has to wait (0: due now). */
export const remainingDelaySeconds = (message: Pick<QueuedDelivery, 'notBefore'>, nowMs: number) =>
  Math.max(0, Math.ceil((message.notBefore - nowMs) / 1000));

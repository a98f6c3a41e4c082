/**
 * The notifier's and sendInvitationEmail's conditional writes against DynamoDB Local, raced:
 * one claim per event id wins; a day's quota counts exactly and never passes its cap.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { claimDelivery, markDelivered, releaseDelivery } from '../../functions/store/email-deliveries';
import { releaseEmails, reserveEmails } from '../../functions/dialects/rocketchat/store/email-quota';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../functions/store/client';
import { keys } from '../../functions/store/keys';

describe('delivery claims', () => {
  test('20 concurrent claims of one event: one wins; sent, it stays sent; released, it can be claimed again', async () => {
    const eventId = randomUUID();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => claimDelivery(eventId, 1_000, 60)));
    expect(outcomes.filter((o) => o === 'claimed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'in-progress')).toHaveLength(19);
    // A lease that ran out (its sender died) is taken over.
    expect(await claimDelivery(eventId, 1_061, 60)).toBe('claimed');
    await markDelivered(eventId, { messageId: 'm-1' });
    expect(await claimDelivery(eventId, 9_999, 60)).toBe('sent');
    await releaseDelivery(eventId); // only a claim in progress is released
    expect(await claimDelivery(eventId, 9_999, 60)).toBe('sent');

    const failed = randomUUID();
    expect(await claimDelivery(failed, 1_000, 60)).toBe('claimed');
    await releaseDelivery(failed);
    expect(await claimDelivery(failed, 1_000, 60)).toBe('claimed');
  });
});

describe('daily e-mail quota', () => {
  test('30 concurrent reservations of 5 under a cap of 100: exactly 20 pass and the count is 100', async () => {
    const user = randomUUID();
    const results = await Promise.all(Array.from({ length: 30 }, () => reserveEmails(user, '2026-12-03', 5, 100, 2_000_000_000)));
    expect(results.filter(Boolean)).toHaveLength(20);
    const quota = await documentClient.send(new GetCommand({ TableName: tableName, Key: keys.emailQuota(user, '2026-12-03') }));
    expect(quota.Item?.sent).toBe(100);
    await releaseEmails(user, '2026-12-03', 5);
    expect(await reserveEmails(user, '2026-12-03', 6, 100, 2_000_000_000)).toBe(false);
    expect(await reserveEmails(user, '2026-12-03', 5, 100, 2_000_000_000)).toBe(true);
  });
});

describe('SES feedback function', () => {
  test('a permanent bounce (as SES puts it on the default bus) suppresses the address; the notifier then sends nothing to it', async () => {
    const { handler } = await import('../../functions/handlers/notifier/record-ses-feedback');
    const { findSuppression, clearSuppression } = await import('../../functions/store/suppressions');
    const address = `Bounced-${randomUUID()}@example.com`;
    await handler({
      version: '0',
      id: randomUUID(),
      'detail-type': 'Email Bounced',
      source: 'aws.ses',
      account: '123456789012',
      time: '2026-12-03T10:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: {
        eventType: 'Bounce',
        bounce: {
          bounceType: 'Permanent',
          bounceSubType: 'General',
          bouncedRecipients: [{ emailAddress: address }],
          timestamp: '2026-12-03T10:00:00.000Z',
        },
      },
    });
    expect(await findSuppression(address)).toEqual({
      email: address.toLowerCase(),
      reason: 'BOUNCE',
      since: '2026-12-03T10:00:00.000Z',
      detail: 'Permanent/General',
    });
    expect(await clearSuppression(address)).toBe(true);
    expect(await findSuppression(address)).toBeUndefined();
  });
});

/**
 * Standard Webhooks v1 as this service will sign and shape its webhooks (issue 30): the
 * specification's published test vector, the reference verifier (npm `standardwebhooks`) accepting
 * what we sign — with one secret and during a rotation with two — and refusing a tampered body;
 * every catalogue event's webhook type and payload, with no secret in it.
 */
import { Webhook } from 'standardwebhooks';
import { describe, expect, test } from 'vitest';
import { eventCatalogue, type EventEnvelope } from '../../functions/events/catalogue';
import { newWebhookSecret, secretKey, signatureHeader, webhookHeaders } from '../../functions/webhooks/standard-webhooks';
import { SECRET_FIELDS, WEBHOOK_TYPES, webhookPayload, webhookType } from '../../functions/webhooks/webhook-payloads';

describe('signatures', () => {
  test("the specification's test vector (the Go library's TestWebhookSign)", () => {
    expect(
      signatureHeader(['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'], 'msg_p5jXN8AQM9LWM0D4loKWxJek', 1614265330, '{"test": 2432232314}'),
    ).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  test('the reference verifier accepts what we sign, with the new and with the old secret during a rotation', () => {
    const [old, current] = [newWebhookSecret(), newWebhookSecret()];
    const body = JSON.stringify({ type: 'member.added', timestamp: new Date().toISOString(), data: { roomId: 'r' } });
    const now = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders([current, old], 'evt_1', now, body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(old).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(current).verify(body.replace('"r"', '"x"'), headers)).toThrow();
  });

  test('secrets: whsec_ and 32 random bytes; a secret of another size is refused', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(secretKey(secret)).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
    expect(() => secretKey(`whsec_${Buffer.alloc(16).toString('base64')}`)).toThrow('24 to 64 bytes');
    expect(() => signatureHeader([secret], 'a.b', 1, '{}')).toThrow('no "."');
  });
});

describe('payloads', () => {
  test('every catalogue type has a dot-separated webhook type of its own', () => {
    const types = Object.keys(eventCatalogue).map(webhookType);
    expect(Object.keys(WEBHOOK_TYPES).sort()).toEqual(Object.keys(eventCatalogue).sort());
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(type).toMatch(/^[a-z0-9_]+\.[a-z0-9_]+$/);
    expect(webhookType('Toy Wave Sent')).toBe('toy_wave.sent');
  });

  test('{type, timestamp, data}: the detail without its secrets', () => {
    const envelope: EventEnvelope = {
      id: 'e1',
      time: '2026-12-07T10:00:00.000Z',
      source: 'invites',
      'detail-type': 'Invitation Created',
      detail: {
        dialect: 'quranreflect',
        roomId: 7,
        invitee: { email: 'a@example.com' },
        invitedBy: { userId: '1' },
        token: 'secret',
        acceptUrl: 'https://api/accept?token=secret',
        rejectUrl: 'https://api/reject?token=secret',
        expiresAt: '2026-12-14T10:00:00.000Z',
        renewed: false,
      },
    };
    const payload = webhookPayload(envelope);
    expect(payload).toEqual({
      type: 'invitation.created',
      timestamp: '2026-12-07T10:00:00.000Z',
      data: {
        dialect: 'quranreflect',
        roomId: 7,
        invitee: { email: 'a@example.com' },
        invitedBy: { userId: '1' },
        expiresAt: '2026-12-14T10:00:00.000Z',
        renewed: false,
      },
    });
    expect(JSON.stringify(payload)).not.toContain('secret');
    for (const field of SECRET_FIELDS) expect(payload.data).not.toHaveProperty(field);
  });
});

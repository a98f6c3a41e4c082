/**
 * The deliverer's rules (domain/webhooks/deliveries.ts) against in-memory fakes: the claim keeps
 * one success per endpoint and event, the schedule and Retry-After decide the next try, 410 and
 * 5 days of failing disable, an endpoint already failing is sent from the slow lane, filters.
 */
import { describe, expect, test } from 'vitest';
import {
  type DeliveryDependencies,
  type DeliveryMessage,
  deliverEvent,
  deliverOnce,
  wants,
} from '../../functions/domain/webhooks/deliveries';
import { parseRetryAfter, RETRY_SCHEDULE_SECONDS, retryDelaySeconds } from '../../functions/domain/webhooks/retry-schedule';
import type { WebhookAttempt, WebhookDelivery, WebhookEndpoint } from '../../functions/model';
import type { SendResult } from '../../functions/webhooks/http-sender';

const NOW = Date.parse('2026-12-01T10:00:00Z');

function endpoint(overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  return {
    id: 'ep_1',
    url: 'https://hooks.example.com/x',
    description: '',
    eventTypes: [],
    enabled: true,
    secrets: [{ secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }],
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    ...overrides,
  };
}

function fakes(answers: SendResult[], endpoints: WebhookEndpoint[] = [endpoint()]) {
  const deliveries = new Map<string, WebhookDelivery>();
  const attempts: WebhookAttempt[] = [];
  const scheduled: { message: DeliveryMessage; delay: number }[] = [];
  const sent: { url: string; headers: Record<string, string>; body: string }[] = [];
  const byId = new Map(endpoints.map((e) => [e.id, e]));
  let now = NOW;
  const deps: DeliveryDependencies = {
    store: {
      getEndpoint: async (id) => byId.get(id),
      claimDelivery: async (message, nowMs, leaseUntil) => {
        const key = `${message.endpointId}/${message.eventId}`;
        const current = deliveries.get(key);
        if (current?.status === 'succeeded' && !message.force) return { claimed: false, why: 'succeeded' };
        if (current?.leaseUntil !== undefined && current.leaseUntil >= nowMs) return { claimed: false, why: 'in-flight' };
        const next: WebhookDelivery = {
          endpointId: message.endpointId,
          eventId: message.eventId,
          type: current?.type ?? message.type,
          body: current?.body ?? message.body,
          eventTime: message.eventTime,
          status: current?.status ?? 'pending',
          attempts: (current?.attempts ?? 0) + 1,
          leaseUntil,
        };
        deliveries.set(key, next);
        return { claimed: true, delivery: next };
      },
      finishDelivery: async (attempt, status) => {
        const key = `${attempt.endpointId}/${attempt.eventId}`;
        deliveries.set(key, { ...deliveries.get(key)!, status, leaseUntil: undefined });
        attempts.push(attempt);
      },
      markFailing: async (id, since) => {
        const e = byId.get(id)!;
        if (!e.failingSince) byId.set(id, { ...e, failingSince: since });
      },
      clearFailing: async (id) => {
        const { failingSince: _, ...rest } = byId.get(id)!;
        byId.set(id, rest);
      },
      disableEndpoint: async (e, reason) => {
        if (!byId.get(e.id)!.enabled) return false;
        byId.set(e.id, { ...byId.get(e.id)!, enabled: false, disabledReason: reason });
        return true;
      },
    },
    sender: {
      post: async (url, headers, body) => {
        sent.push({ url, headers, body });
        return answers.shift() ?? { kind: 'answered', status: 204, response: '', latencyMs: 1 };
      },
    },
    retries: { schedule: async (message, delay) => void scheduled.push({ message, delay }) },
    nowMs: () => now,
    sign: (secrets, id, ts) => ({
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': secrets.map((s) => `v1,${s.length}`).join(' '),
    }),
    random: () => 0.5,
  };
  return { deps, deliveries, attempts, scheduled, sent, byId, setNow: (ms: number) => (now = ms) };
}

const message = (overrides: Partial<DeliveryMessage> = {}): DeliveryMessage => ({
  endpointId: 'ep_1',
  eventId: 'evt_1',
  type: 'member.added',
  body: '{"type":"member.added"}',
  eventTime: '2026-12-01T10:00:00Z',
  step: 0,
  retry: true,
  ...overrides,
});
const status = (code: number, retryAfter?: string): SendResult => ({
  kind: 'answered',
  status: code,
  response: `s${code}`,
  latencyMs: 3,
  ...(retryAfter ? { retryAfter } : {}),
});

describe('the retry schedule', () => {
  test("Standard Webhooks' example: now, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h; ±10 % jitter; then none", () => {
    expect(RETRY_SCHEDULE_SECONDS).toEqual([0, 5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(RETRY_SCHEDULE_SECONDS.map((_, step) => retryDelaySeconds(step, {}, () => 0.5))).toEqual([...RETRY_SCHEDULE_SECONDS]);
    expect(retryDelaySeconds(3, {}, () => 0)).toBe(1620);
    expect(retryDelaySeconds(3, {}, () => 0.999999)).toBe(1980);
    expect(retryDelaySeconds(8, {})).toBeUndefined();
  });

  test('Retry-After on 429, 502, 503, 504 only, in seconds or as a date, at most 10 hours', () => {
    for (const code of [429, 502, 503, 504]) expect(retryDelaySeconds(1, { status: code, retryAfterSeconds: 90 })).toBe(90);
    expect(retryDelaySeconds(1, { status: 500, retryAfterSeconds: 90 }, () => 0.5)).toBe(5);
    expect(retryDelaySeconds(1, { status: 503, retryAfterSeconds: 10 ** 9 })).toBe(36000);
    expect(parseRetryAfter('120', NOW)).toBe(120);
    expect(parseRetryAfter(new Date(NOW + 61_000).toUTCString(), NOW)).toBe(61);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('one try', () => {
  test('2xx: succeeded, logged as try 1; a copy of the message afterwards sends nothing', async () => {
    const f = fakes([status(200)]);
    expect(await deliverOnce(message(), f.deps)).toMatchObject({
      outcome: 'succeeded',
      attempt: { try: 1, status: 200, outcome: 'succeeded' },
    });
    expect(await deliverOnce(message(), f.deps)).toEqual({ outcome: 'skipped', why: 'succeeded' });
    expect(f.sent).toHaveLength(1);
    expect(f.sent[0]!.headers).toMatchObject({
      'webhook-id': 'evt_1',
      'webhook-timestamp': String(NOW / 1000),
      'content-type': 'application/json',
    });
  });

  test('a try under way holds the delivery: a concurrent copy is skipped, not sent twice', async () => {
    const f = fakes([]);
    let release!: () => void;
    f.deps.sender.post = () => new Promise((resolve) => (release = () => resolve(status(204))));
    const first = deliverOnce(message(), f.deps);
    await new Promise((resolve) => setImmediate(resolve));
    expect(await deliverOnce(message(), f.deps)).toEqual({ outcome: 'skipped', why: 'in-flight' });
    release();
    expect((await first).outcome).toBe('succeeded');
  });

  test('a failure: pending, retried at the next step; the endpoint marked failing since then; a 3xx is a failure (no redirect)', async () => {
    const f = fakes([status(302)]);
    expect((await deliverOnce(message(), f.deps)).outcome).toBe('retrying');
    expect(f.scheduled).toEqual([{ message: expect.objectContaining({ step: 1, eventId: 'evt_1', force: false }), delay: 5 }]);
    expect(f.deliveries.get('ep_1/evt_1')?.status).toBe('pending');
    expect(f.byId.get('ep_1')?.failingSince).toBe(new Date(NOW).toISOString());
  });

  test('the last step fails for good; an operator re-send (retry: false) is tried once', async () => {
    const f = fakes([status(500), status(500)]);
    expect((await deliverOnce(message({ step: 7 }), f.deps)).outcome).toBe('failed');
    expect(f.deliveries.get('ep_1/evt_1')?.status).toBe('failed');
    expect((await deliverOnce(message({ eventId: 'evt_2', retry: false }), f.deps)).outcome).toBe('failed');
    expect(f.scheduled).toEqual([]);
  });

  test('410 disables at once, nothing scheduled; a disabled endpoint is not tried', async () => {
    const f = fakes([status(410)]);
    expect((await deliverOnce(message(), f.deps)).outcome).toBe('failed');
    expect(f.byId.get('ep_1')).toMatchObject({ enabled: false, disabledReason: 'gone' });
    expect(f.scheduled).toEqual([]);
    expect(await deliverOnce(message({ eventId: 'evt_2' }), f.deps)).toEqual({ outcome: 'skipped', why: 'disabled' });
  });

  test('5 days of failing disable; a success before that clears the mark', async () => {
    const failing = endpoint({ failingSince: new Date(NOW - 5 * 24 * 3600_000 + 1000).toISOString() });
    const f = fakes([status(500), status(500), status(200)], [failing]);
    expect((await deliverOnce(message(), f.deps)).outcome).toBe('retrying');
    f.setNow(NOW + 1000);
    expect((await deliverOnce(message({ eventId: 'evt_2' }), f.deps)).outcome).toBe('failed');
    expect(f.byId.get('ep_1')).toMatchObject({ enabled: false, disabledReason: 'failing' });
    const recovering = fakes([status(200)], [endpoint({ failingSince: new Date(NOW - 1000).toISOString() })]);
    await deliverOnce(message(), recovering.deps);
    expect(recovering.byId.get('ep_1')?.failingSince).toBeUndefined();
  });

  test('signs with the current secret and a rotated one until its time is up', async () => {
    const rotating = endpoint({ secrets: [{ secret: 'new-secret' }, { secret: 'old', until: new Date(NOW + 1000).toISOString() }] });
    const f = fakes([], [rotating]);
    await deliverOnce(message(), f.deps);
    expect(f.sent[0]!.headers['webhook-signature']).toBe('v1,10 v1,3');
    f.setNow(NOW + 1000);
    await deliverOnce(message({ eventId: 'evt_2' }), f.deps);
    expect(f.sent[1]!.headers['webhook-signature']).toBe('v1,10');
  });
});

describe('one event to every endpoint that wants it', () => {
  const event = {
    id: 'evt_9',
    type: 'invitation.created',
    time: '2026-12-01T10:00:00Z',
    dialect: 'quranreflect',
    roomId: '42',
    body: '{}',
  };

  test('filters: types, dialect, room, enabled', () => {
    expect(wants(endpoint(), event)).toBe(true);
    expect(wants(endpoint({ eventTypes: ['member.added'] }), event)).toBe(false);
    expect(wants(endpoint({ eventTypes: ['invitation.created'] }), event)).toBe(true);
    expect(wants(endpoint({ dialect: 'berty' }), event)).toBe(false);
    expect(wants(endpoint({ dialect: 'quranreflect', roomId: '42' }), event)).toBe(true);
    expect(wants(endpoint({ roomId: '43' }), event)).toBe(false);
    expect(wants(endpoint({ enabled: false }), event)).toBe(false);
  });

  test('healthy endpoints are tried at once, all together; one already failing goes to the retry queue (the slow lane)', async () => {
    const endpoints = [
      endpoint({ id: 'a' }),
      endpoint({ id: 'b', failingSince: '2026-12-01T09:00:00Z' }),
      endpoint({ id: 'c', roomId: '7' }),
    ];
    const f = fakes([], endpoints);
    const results = await deliverEvent(event, endpoints, f.deps);
    expect(results.map((r) => r.outcome)).toEqual(['succeeded', 'queued']);
    expect(f.sent.map((s) => s.headers['webhook-id'])).toEqual(['evt_9']);
    expect(f.scheduled).toEqual([{ message: expect.objectContaining({ endpointId: 'b', eventId: 'evt_9', step: 0 }), delay: 0 }]);
  });
});

/**
 * The endpoint rules (domain/webhooks/endpoints.ts) on an in-memory store: the URL rule as deployed
 * (no local flag) answers a clear 400 for addresses and for names resolving inside; types must be
 * known; rotation keeps the old secret 24 hours and refuses a racing one; re-sends need an enabled
 * endpoint.
 */
import { describe, expect, test } from 'vitest';
import {
  createEndpoint,
  type EndpointRules,
  type EndpointStore,
  resendDelivery,
  rotateSecret,
  updateEndpoint,
} from '../../functions/domain/webhooks/endpoints';
import { isServiceError } from '../../functions/errors';
import type { WebhookDeliveryMessage, WebhookEndpoint } from '../../functions/model';

const NOW = Date.parse('2026-12-01T10:00:00Z');

function memoryStore() {
  const endpoints = new Map<string, WebhookEndpoint>();
  const store: EndpointStore = {
    createEndpoint: async (endpoint) => void endpoints.set(endpoint.id, endpoint),
    getEndpoint: async (id) => endpoints.get(id),
    listEndpoints: async () => [...endpoints.values()],
    updateEndpoint: async (id, changes) => {
      const current = endpoints.get(id);
      if (!current) return undefined;
      const next = { ...current } as Record<string, unknown>;
      for (const [field, value] of Object.entries(changes))
        if (value === undefined) delete next[field];
        else next[field] = value;
      endpoints.set(id, next as unknown as WebhookEndpoint);
      return endpoints.get(id);
    },
    replaceSecrets: async (id, expected, secrets) => {
      const current = endpoints.get(id)!;
      if (JSON.stringify(current.secrets) !== JSON.stringify(expected)) return false;
      endpoints.set(id, { ...current, secrets });
      return true;
    },
    deleteEndpoint: async (id) => endpoints.delete(id),
    getDelivery: async () => undefined,
    unsucceededDeliveries: async () => [],
    listAttempts: async () => [],
  };
  return { store, endpoints };
}

const names: Record<string, string[]> = {
  'loopback.example.com': ['127.0.0.1'],
  'private.example.com': ['93.184.216.34', '10.0.0.1'],
  'metadata.example.com': ['169.254.169.254'],
  'v6.example.com': ['::1'],
  'hooks.example.com': ['93.184.216.34', '2606:2800:220:1::1'],
};
const deployed: EndpointRules = {
  knownTypes: ['member.added', 'invitation.created'],
  allowLocalHttp: false,
  nowMs: () => NOW,
  resolve: async (name) => {
    const found = names[name];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return found;
  },
};

const refusal = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (error) {
    if (isServiceError(error)) return { kind: error.kind, code: error.code, message: error.message };
    throw error;
  }
  return undefined;
};

describe('what an endpoint may point at, deployed', () => {
  test.each([
    ['https://127.0.0.1/hook', 'url: the URL must name a host, not an address'],
    ['https://10.0.0.1/hook', 'url: the URL must name a host, not an address'],
    ['https://169.254.169.254/latest/meta-data/', 'url: the URL must name a host, not an address'],
    ['https://[::1]/hook', 'url: the URL must name a host, not an address'],
    ['http://127.0.0.1:8787/', 'url: the URL must be https'],
    ['https://loopback.example.com/hook', 'url: loopback.example.com resolves to a non-public address (127.0.0.1)'],
    ['https://private.example.com/hook', 'url: private.example.com resolves to a non-public address (10.0.0.1)'],
    ['https://metadata.example.com/', 'url: metadata.example.com resolves to a non-public address (169.254.169.254)'],
    ['https://v6.example.com/', 'url: v6.example.com resolves to a non-public address (::1)'],
  ])('%s → 400: %s', async (url, message) => {
    const { store, endpoints } = memoryStore();
    expect(await refusal(() => createEndpoint({ url }, store, deployed))).toEqual({
      kind: 'invalid_request',
      code: 'invalid-url',
      message,
    });
    expect(endpoints.size).toBe(0);
  });

  test('a public name is kept; one that does not resolve yet is kept too (its tries fail until it does)', async () => {
    const { store } = memoryStore();
    expect((await createEndpoint({ url: 'https://hooks.example.com/x' }, store, deployed)).endpoint.url).toBe(
      'https://hooks.example.com/x',
    );
    expect((await createEndpoint({ url: 'https://not-yet.example.org/x' }, store, deployed)).endpoint.url).toBe(
      'https://not-yet.example.org/x',
    );
  });

  test('locally (the flag), http://127.0.0.1 is allowed; a change of URL goes through the same rule', async () => {
    const { store } = memoryStore();
    const { endpoint } = await createEndpoint({ url: 'http://127.0.0.1:8787/' }, store, { ...deployed, allowLocalHttp: true });
    expect(await refusal(() => updateEndpoint(endpoint.id, { url: 'https://private.example.com/' }, store, deployed))).toMatchObject({
      code: 'invalid-url',
    });
  });

  test('unknown webhook types are refused; enabling again clears the failing mark and the reason', async () => {
    const { store, endpoints } = memoryStore();
    expect(
      await refusal(() => createEndpoint({ url: 'https://hooks.example.com/', eventTypes: ['member.gone'] }, store, deployed)),
    ).toMatchObject({
      code: 'invalid-event-type',
    });
    const { endpoint } = await createEndpoint(
      { url: 'https://hooks.example.com/', eventTypes: ['member.added', 'member.added'] },
      store,
      deployed,
    );
    expect(endpoint.eventTypes).toEqual(['member.added']);
    endpoints.set(endpoint.id, {
      ...endpoints.get(endpoint.id)!,
      enabled: false,
      disabledReason: 'gone',
      failingSince: '2026-11-01T00:00:00Z',
    });
    const enabled = (await updateEndpoint(endpoint.id, { enabled: true }, store, deployed)).endpoint;
    expect(enabled).toMatchObject({ enabled: true });
    expect(enabled).not.toHaveProperty('disabledReason');
    expect(enabled).not.toHaveProperty('failingSince');
  });
});

describe('secrets and re-sends', () => {
  test('rotation: the new secret first, the old one signing 24 hours more; a rotation racing another is refused', async () => {
    const { store, endpoints } = memoryStore();
    const { endpoint, secret } = await createEndpoint({ url: 'https://hooks.example.com/' }, store, deployed);
    const rotated = await rotateSecret(endpoint.id, store, deployed);
    expect(endpoints.get(endpoint.id)!.secrets).toEqual([{ secret: rotated.secret }, { secret, until: '2026-12-02T10:00:00.000Z' }]);
    expect(rotated.endpoint.previousSecretUntil).toBe('2026-12-02T10:00:00.000Z');
    const racing = { ...store, replaceSecrets: async () => false };
    expect(await refusal(() => rotateSecret(endpoint.id, racing, deployed))).toMatchObject({ kind: 'conflict', code: 'rotation-conflict' });
  });

  test('a re-send needs the endpoint enabled and the delivery known', async () => {
    const { store, endpoints } = memoryStore();
    const { endpoint } = await createEndpoint({ url: 'https://hooks.example.com/' }, store, deployed);
    const queued: WebhookDeliveryMessage[] = [];
    const queue = { schedule: async (message: WebhookDeliveryMessage) => void queued.push(message) };
    expect(await refusal(() => resendDelivery(endpoint.id, 'evt_1', store, queue))).toMatchObject({
      kind: 'not_found',
      code: 'delivery-not-found',
    });
    endpoints.set(endpoint.id, { ...endpoints.get(endpoint.id)!, enabled: false });
    expect(await refusal(() => resendDelivery(endpoint.id, 'evt_1', store, queue))).toMatchObject({
      kind: 'conflict',
      code: 'endpoint-disabled',
    });
    expect(queued).toEqual([]);
  });
});

/** Metrics as deployed functions emit them (EMF on stdout, namespace Invites, bounded dimensions). */
import { afterAll, expect, test } from 'vitest';

process.env.POWERTOOLS_METRICS_DISABLED = 'false';
process.env.RATE_LIMIT = 'off';
const { findRoute } = await import('../../functions/routes');
const { buildContext, buildEvent } = await import('../../local/api-gateway-event');
const { handler } = await import('../../functions/dialects/berty/handlers/group-create');
const { captureLogs } = await import('../support/logs');

afterAll(() => {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
});

test('a refused request: a ClientErrors metric by route and kind, in the Invites namespace, and no user in any dimension', async () => {
  const route = findRoute('berty-multi-member-group-create');
  const logs = captureLogs();
  try {
    const event = buildEvent(route, { method: 'POST', path: route.path, headers: { authorization: 'Bearer x' }, body: '{"broken":' });
    const result = await (handler as unknown as (e: typeof event, c: ReturnType<typeof buildContext>) => Promise<{ statusCode?: number }>)(
      event,
      buildContext(route),
    );
    expect(result.statusCode).toBe(400);
    const emf = logs.records().filter((record) => record._aws);
    const clientErrors = emf.find((record) => 'ClientErrors' in record) as Record<string, any>;
    expect(clientErrors).toMatchObject({ ClientErrors: 1, route: route.id, kind: 'invalid_request', service: 'invites' });
    const directive = clientErrors._aws.CloudWatchMetrics[0];
    expect(directive.Namespace).toBe('Invites');
    expect(directive.Dimensions.flat().sort()).toEqual(['kind', 'route', 'service']);
  } finally {
    logs.restore();
  }
});

test('requests with nothing to count publish nothing and warn about nothing, however many', async () => {
  const route = findRoute('berty-multi-member-group-create');
  const logs = captureLogs();
  try {
    for (let i = 0; i < 3; i++) {
      // Refused before anything is counted: a ClientErrors single metric only, no stored set.
      const event = buildEvent(route, { method: 'POST', path: route.path, headers: { authorization: 'Bearer x' }, body: '{"broken":' });
      await (handler as unknown as (e: typeof event, c: ReturnType<typeof buildContext>) => Promise<unknown>)(event, buildContext(route));
    }
    expect(logs.text()).not.toMatch(/already been added|No application metrics to publish/);
  } finally {
    logs.restore();
  }
});

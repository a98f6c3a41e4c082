/**
 * Signed webhooks (docs/webhooks.md), end to end. First through the running service as an app
 * meets it: endpoints registered over the management API with an operator key, invitations made
 * in each dialect over HTTP, and a local receiver that checks every delivery with the unchanged
 * npm `standardwebhooks` verifier. Then the deliverer's rules with a test clock (the service's
 * clock and Date moved together, never waited for): retries with the same webhook-id, 410,
 * Retry-After, a hanging receiver cut at 15 s while another gets its event, rotation, 5 days of
 * failing, re-sends — on DynamoDB Local, real HTTP receivers and the local queue speaking SQS.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { addOperatorKey } from '../../functions/dialects/webhooks/admin';
import { endpointRules, endpointStore } from '../../functions/dialects/webhooks/handlers/wiring';
import { attemptsReply, endpointReply, endpointWithSecretReply } from '../../functions/dialects/webhooks/handlers/endpoints.schema';
import { createEndpoint, recoverDeliveries, resendDelivery, rotateSecret } from '../../functions/domain/webhooks/endpoints';
import type { webhookDeliverer } from '../../functions/handlers/webhooks/webhook-deliverer';
import { manualClock } from '../../functions/lib/clock';
import { newMultiMemberGroup } from '../../functions/lib/ed25519-group';
import { safeParse } from '../../functions/lib/zod';
import { getWebhookEndpoint, listWebhookAttempts } from '../../functions/store/webhooks';
import type { Deadline } from '../../functions/webhooks/http-sender';
import { sqsRetryQueue } from '../../functions/webhooks/retry-queue';
import type { LocalQueue } from '../../local/webhook-queue';
import * as fixtures from '../support/fixtures';
import { request } from '../support/http';
import { latestInvitation } from '../support/outbox';
import { waitForEmails } from '../support/ses-inbox';
import { startTestDeliverer } from '../support/test-deliverer';
import { type Receiver, startReceiver, waitUntil } from '../support/webhook-receiver';

let receiver: Receiver;
let operatorKey: string;
const asOperator = () => ({ Authorization: `Bearer ${operatorKey}` });

beforeAll(async () => {
  receiver = await startReceiver();
  operatorKey = (await addOperatorKey({ name: fixtures.unique('ops') })).operatorKey;
});
afterAll(async () => {
  await receiver?.stop();
});

describe('through the running service: the management API, each dialect, the reference verifier', () => {
  test('an endpoint per room (one of each dialect) gets each of its events once, each verified; no secret in a payload', async () => {
    const rcOwner = await fixtures.user();
    const channel = await fixtures.channel({ owner: rcOwner });
    const rcInvitee = await fixtures.user();
    const client = await fixtures.clientId();
    const qrOwner = await fixtures.user();
    const qrInvitee = await fixtures.user({ email: `${fixtures.unique('wh')}@example.com` });
    const asQr = (user: fixtures.TestUser) => fixtures.quranHeaders(user, client);
    const groupId = (await request('POST', '/v1/rooms/groups', { headers: asQr(qrOwner), body: { name: 'g', url: fixtures.unique('g') } }))
      .json.data.id as number;
    const bertyMember = await fixtures.user();
    const berty = newMultiMemberGroup();
    const groupPk = berty.publicKey.toString('base64');

    const register = async (path: string, roomId: string) => {
      const created = await request('POST', '/webhooks/v1/endpoints', {
        headers: asOperator(),
        body: { url: receiver.url(path), description: path, roomId },
      });
      expect(created.status, created.text).toBe(200);
      expect(safeParse(endpointWithSecretReply, created.json).success).toBe(true);
      expect(created.json.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      receiver.expect(path, created.json.secret);
      return created.json.endpoint.id as string;
    };
    const rcEndpoint = await register('/rc', channel._id);
    await register('/qr', String(groupId));
    await register('/berty', groupPk);

    // Rocket.Chat: channels.invite → Member Added.
    expect(
      (await request('POST', '/api/v1/channels.invite', { headers: rcOwner.headers, body: { roomId: channel._id, userId: rcInvitee._id } }))
        .status,
    ).toBe(200);
    // QuranReflect: an invitation, accepted → Invitation Created, Invitation Accepted, Member Added.
    expect(
      (await request('POST', `/v1/rooms/${groupId}/invite`, { headers: asQr(qrOwner), body: { emails: [qrInvitee.email] } })).status,
    ).toBe(200);
    const { token } = await latestInvitation(groupId, { userId: qrInvitee.userId });
    expect(
      (await request('GET', `/v1/rooms/${groupId}/accept-invite?token=${encodeURIComponent(token)}`, { headers: asQr(qrInvitee) })).json,
    ).toEqual({ accepted: true });
    // Berty: Join → Member Added.
    const join = await request('POST', '/protocol/v1/MultiMemberGroupJoin', {
      headers: { Authorization: `Bearer ${bertyMember.authToken}` },
      body: { group: { public_key: groupPk, secret: berty.secret.toString('base64'), secret_sig: berty.secretSig.toString('base64') } },
    });
    expect(join.status).toBe(200);

    // A room's creation made its owner a member (how: created) before the endpoint existed; that event may reach it or not.
    const told = (path: string) => receiver.at(path).filter((delivery) => delivery.verified?.data.how !== 'created');
    const types = (path: string) => told(path).map((delivery) => delivery.verified?.type);
    await waitUntil(
      () =>
        types('/rc').includes('member.added') &&
        ['invitation.created', 'invitation.accepted', 'member.added'].every((type) => types('/qr').includes(type)) &&
        types('/berty').includes('member.added'),
      'the three endpoints got their events',
    );
    // A marker after them: the room's next event, so that any late duplicate would be in by now.
    const marker = await fixtures.user();
    expect(
      (await request('POST', '/api/v1/channels.invite', { headers: rcOwner.headers, body: { roomId: channel._id, userId: marker._id } }))
        .status,
    ).toBe(200);
    await waitUntil(() => receiver.at('/rc').some((d) => d.verified?.data.userId === marker._id), 'the marker');

    for (const path of ['/rc', '/qr', '/berty']) {
      const deliveries = receiver.at(path);
      // Every delivery verified by the reference verifier; each webhook-id once.
      expect(
        deliveries.every((delivery) => delivery.verified !== undefined),
        path,
      ).toBe(true);
      expect(new Set(deliveries.map((delivery) => delivery.id)).size, path).toBe(deliveries.length);
    }
    expect(told('/rc').map((d) => d.verified!.data)).toEqual([
      expect.objectContaining({ dialect: 'rocketchat', roomId: channel._id, userId: rcInvitee._id, how: 'invited' }),
      expect.objectContaining({ userId: marker._id }),
    ]);
    expect(types('/qr').sort()).toEqual(['invitation.accepted', 'invitation.created', 'member.added']);
    expect(told('/berty').map((d) => d.verified!.data)).toEqual([
      { dialect: 'berty', roomId: groupPk, userId: bertyMember._id, username: bertyMember.username, how: 'joined' },
    ]);
    // The invitation's token and links stay out of the webhook (the invitee has them by e-mail).
    const created = receiver.at('/qr').find((d) => d.verified?.type === 'invitation.created')!;
    expect(created.verified!.data).toMatchObject({
      dialect: 'quranreflect',
      roomId: groupId,
      invitee: { userId: String(qrInvitee.userId) },
    });
    expect(created.body).not.toContain(token);
    expect(Object.keys(created.verified!.data)).not.toEqual(expect.arrayContaining(['token']));
    for (const field of ['token', 'acceptUrl', 'rejectUrl']) expect(created.verified!.data).not.toHaveProperty(field);

    // The attempt log over the API: one successful first try per delivery.
    const attempts = await request('GET', `/webhooks/v1/endpoints/${rcEndpoint}/attempts?limit=10`, { headers: asOperator() });
    expect(attempts.status).toBe(200);
    expect(safeParse(attemptsReply, attempts.json).success).toBe(true);
    expect(attempts.json.attempts).toHaveLength(receiver.at('/rc').length);
    for (const attempt of attempts.json.attempts) expect(attempt).toMatchObject({ outcome: 'succeeded', status: 204, try: 1 });
  });

  test('the management API: operator keys only; bad input gets a clear 400 in its envelope; show hides secrets; rotate; test event; delete', async () => {
    const someone = await fixtures.user();
    const refused = await request('GET', '/webhooks/v1/endpoints', { headers: { Authorization: `Bearer ${someone.authToken}` } });
    expect([refused.status, refused.json]).toEqual([
      403,
      { error: { code: 'forbidden', message: 'only an operator key may manage webhooks (role webhooks-operator)' } },
    ]);
    const anonymous = await request('GET', '/webhooks/v1/endpoints');
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.error.code).toBe('unauthenticated');

    const bad = async (body: unknown) => request('POST', '/webhooks/v1/endpoints', { headers: asOperator(), body });
    expect((await bad({ url: 'ftp://hooks.example.com/x' })).json).toEqual({
      error: { code: 'invalid-url', message: 'url: the URL must be https' },
    });
    expect((await bad({ url: 'https://user:pw@hooks.example.com/' })).json.error.message).toBe('url: no credentials in the URL');
    expect((await bad({ url: 'https://hooks.example.com/', eventTypes: ['invitation.nope'] })).json.error).toEqual({
      code: 'invalid-event-type',
      message: 'eventTypes: unknown webhook type(s) invitation.nope (docs/webhooks.md lists them)',
    });
    const unknownField = await bad({ url: 'https://hooks.example.com/', colour: 'red' });
    expect(unknownField.status).toBe(400);
    expect(unknownField.json.error.code).toBe('invalid-request');
    expect((await bad('[')).status).toBe(400);

    const path = `/mgmt-${fixtures.unique('p')}`;
    const created = (await bad({ url: receiver.url(path), eventTypes: ['member.added'], contactEmail: 'ops@example.com' })).json;
    receiver.expect(path, created.secret);
    const shown = await request('GET', `/webhooks/v1/endpoints/${created.endpoint.id}`, { headers: asOperator() });
    expect(safeParse(endpointReply, shown.json).success).toBe(true);
    expect(shown.text).not.toContain('whsec_');
    const listed = await request('GET', '/webhooks/v1/endpoints', { headers: asOperator() });
    expect(listed.json.endpoints.map((e: { id: string }) => e.id)).toContain(created.endpoint.id);
    expect(listed.text).not.toContain('whsec_');

    const rotated = (await request('POST', `/webhooks/v1/endpoints/${created.endpoint.id}/secret/rotate`, { headers: asOperator() })).json;
    expect(rotated.secret).not.toBe(created.secret);
    expect(Date.parse(rotated.endpoint.previousSecretUntil) - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    // A test event through the service's queue: signed with both secrets during the overlap.
    const sent = await request('POST', `/webhooks/v1/endpoints/${created.endpoint.id}/test`, { headers: asOperator() });
    expect(sent.status).toBe(200);
    await waitUntil(() => receiver.at(path).some((d) => d.id === sent.json.eventId), 'the test event');
    const testDelivery = receiver.at(path).find((d) => d.id === sent.json.eventId)!;
    expect(testDelivery.verified?.type).toBe('webhook.test');
    expect([receiver.verifiesWith(testDelivery, created.secret), receiver.verifiesWith(testDelivery, rotated.secret)]).toEqual([
      true,
      true,
    ]);

    const updated = await request('PUT', `/webhooks/v1/endpoints/${created.endpoint.id}`, {
      headers: asOperator(),
      body: { eventTypes: [], contactEmail: null, enabled: false },
    });
    expect(updated.json.endpoint).toMatchObject({ eventTypes: [], enabled: false, disabledReason: 'operator' });
    expect(updated.json.endpoint).not.toHaveProperty('contactEmail');
    const whileDisabled = await request('POST', `/webhooks/v1/endpoints/${created.endpoint.id}/test`, { headers: asOperator() });
    expect([whileDisabled.status, whileDisabled.json.error.code]).toEqual([409, 'endpoint-disabled']);

    expect((await request('DELETE', `/webhooks/v1/endpoints/${created.endpoint.id}`, { headers: asOperator() })).json).toEqual({
      deleted: created.endpoint.id,
    });
    const gone = await request('GET', `/webhooks/v1/endpoints/${created.endpoint.id}`, { headers: asOperator() });
    expect([gone.status, gone.json.error.code]).toEqual([404, 'endpoint-not-found']);
  });
});

describe("the deliverer's rules, with a test clock", () => {
  let queue: LocalQueue;
  let deliverer: ReturnType<typeof webhookDeliverer>;
  let time: ReturnType<typeof manualClock>;
  /** The deadlines of tries still under way (a try that ends cancels its own); a test fires them instead of waiting 15 s. */
  const deadlines: { ms: number; fire(): void }[] = [];
  const deadline: Deadline = (ms) => {
    let fire = () => undefined as void;
    const reached = new Promise<void>((resolve) => {
      fire = resolve;
    });
    const pending = { ms, fire };
    deadlines.push(pending);
    return {
      reached,
      cancel: () => {
        const index = deadlines.indexOf(pending);
        if (index >= 0) deadlines.splice(index, 1);
      },
    };
  };
  /** This suite's endpoints ask for a dialect no real event has: the running service's deliverer sends them nothing. */
  const dialect = fixtures.unique('clock-test');
  let eventCount = 0;
  /** An event about one room: each test's endpoints ask for their own room (their path). */
  const event = (roomId: string) => ({
    id: `evt-${fixtures.unique('e')}-${++eventCount}`,
    time: new Date().toISOString(),
    source: 'invites',
    'detail-type': 'Member Added',
    detail: { dialect, roomId, userId: `u${eventCount}`, username: `user${eventCount}`, how: 'invited' },
  });
  const setTime = (ms: number) => {
    time.set(ms);
    vi.setSystemTime(ms);
  };
  const advance = (ms: number) => setTime(Date.now() + ms);
  const endpoint = async (path: string, extra: { contactEmail?: string; roomId?: string } = {}) => {
    const created = await createEndpoint({ url: receiver.url(path), dialect, roomId: path, ...extra }, endpointStore, {
      ...endpointRules(),
      allowLocalHttp: true,
    });
    receiver.expect(path, created.secret);
    deliverer.forgetEndpoints();
    return created;
  };

  beforeAll(async () => {
    // Date (the reference verifier's tolerance reads it) and the service's clock move together.
    vi.useFakeTimers({ toFake: ['Date'] });
    const start = Date.now();
    time = manualClock(start);
    ({ deliverer, queue } = await startTestDeliverer({ deadline }));
  });
  afterEach(() => deliverer.forgetEndpoints());
  afterAll(async () => {
    for (const pending of [...deadlines]) pending.fire();
    await queue?.stop();
    time?.restore();
    vi.useRealTimers();
  });

  test('500, 500, 200: three tries with the same webhook-id, on the schedule (now, 5 s, 5 min), each verified and logged', async () => {
    const { endpoint: created } = await endpoint('/retry');
    receiver.answer('/retry', (_delivery, count) => ({ status: count < 3 ? 500 : 200 }));
    const sent = event('/retry');
    await deliverer.handle(sent);
    expect(receiver.at('/retry')).toHaveLength(1);
    advance(4_999);
    expect(await queue.runDue()).toBe(0);
    advance(1);
    expect(await queue.runDue()).toBe(1);
    expect(receiver.at('/retry')).toHaveLength(2);
    advance(299_000);
    expect(await queue.runDue()).toBe(0);
    advance(1_000);
    expect(await queue.runDue()).toBe(1);
    const deliveries = receiver.at('/retry');
    expect(deliveries.map((d) => d.id)).toEqual([sent.id, sent.id, sent.id]);
    expect(deliveries.every((d) => d.verified?.type === 'member.added')).toBe(true);
    expect(queue.size()).toBe(0);
    const attempts = await listWebhookAttempts(created.id, 10);
    expect(attempts.map((a) => [a.try, a.outcome, a.status, a.response])).toEqual([
      [3, 'succeeded', 200, 'answer 200'],
      [2, 'failed', 500, 'answer 500'],
      [1, 'failed', 500, 'answer 500'],
    ]);
    expect((await getWebhookEndpoint(created.id))?.failingSince).toBeUndefined();
  });

  test('410 Gone disables the endpoint after one try, with its event and an e-mail to its contact', async () => {
    const contact = `${fixtures.unique('ops')}@example.com`;
    const { endpoint: created } = await endpoint('/gone', { contactEmail: contact });
    receiver.answer('/gone', () => ({ status: 410 }));
    await deliverer.handle(event('/gone'));
    await deliverer.handle(event('/gone'));
    expect(receiver.at('/gone')).toHaveLength(1);
    expect(queue.size()).toBe(0);
    expect(await getWebhookEndpoint(created.id)).toMatchObject({ enabled: false, disabledReason: 'gone' });
    // The running service's stream turned the disabling into its event, and its notifier into the e-mail.
    const [email] = await waitForEmails(contact);
    expect(email!.subject).toBe(`Webhook endpoint ${created.id} was disabled`);
    expect(email!.body.text).toContain('it answered 410 Gone');
  });

  test("429 with Retry-After: 120 is tried again after 120 s, not the schedule's 5", async () => {
    await endpoint('/later');
    receiver.answer('/later', (_d, count) => (count === 1 ? { status: 429, headers: { 'retry-after': '120' } } : { status: 204 }));
    await deliverer.handle(event('/later'));
    advance(5_000);
    expect(await queue.runDue()).toBe(0);
    advance(115_000);
    expect(await queue.runDue()).toBe(1);
    expect(receiver.at('/later')).toHaveLength(2);
  });

  test('a hanging receiver is cut at 15 s; another endpoint meanwhile gets the same event at once', async () => {
    const { endpoint: hanging } = await endpoint('/hang');
    const { endpoint: healthy } = await endpoint('/healthy', { roomId: '/hang' });
    receiver.answer('/hang', () => 'hang');
    expect(deadlines).toEqual([]);
    const sent = event('/hang');
    let done = false;
    const handled = deliverer.handle(sent).then(() => {
      done = true;
    });
    // The healthy endpoint has its answer and its log line while the other still hangs: its try
    // ended (its deadline cancelled), the hanging one's deadline is the only one left. The healthy
    // request must have arrived too: one deadline alone can also mean the healthy try has not
    // begun yet (its claim still at DynamoDB), which a loaded CI run once showed.
    await waitUntil(
      () => receiver.at('/healthy').length === 1 && receiver.at('/hang').length === 1 && deadlines.length === 1,
      'the healthy try ended, the other hangs',
    );
    expect(receiver.at('/healthy').map((d) => d.id)).toEqual([sent.id]);
    expect(done).toBe(false);
    expect(deadlines.map((d) => d.ms)).toEqual([15_000]);
    deadlines[0]!.fire();
    await handled;
    const [attempt] = await listWebhookAttempts(hanging.id, 1);
    expect(attempt).toMatchObject({ outcome: 'timeout', try: 1, response: 'no answer within 15 s' });
    expect(await listWebhookAttempts(healthy.id, 5)).toMatchObject([{ outcome: 'succeeded', try: 1 }]);
    expect(queue.size()).toBe(1);
    // The next try goes to the retry queue (the slow lane), 5 s on.
    receiver.answer('/hang', () => ({ status: 204 }));
    advance(5_000);
    expect(await queue.runDue()).toBe(1);
    expect(receiver.at('/hang').map((d) => d.id)).toEqual([sent.id, sent.id]);
  });

  test('rotation: during the overlap each delivery verifies with either secret; after 24 hours only with the new one', async () => {
    const { endpoint: created, secret: oldSecret } = await endpoint('/rotate');
    const { secret: newSecret } = await rotateSecret(created.id, endpointStore, { nowMs: () => Date.now() });
    deliverer.forgetEndpoints();
    receiver.expect('/rotate', newSecret);
    await deliverer.handle(event('/rotate'));
    const [during] = receiver.at('/rotate');
    expect([receiver.verifiesWith(during!, oldSecret), receiver.verifiesWith(during!, newSecret)]).toEqual([true, true]);
    advance(24 * 3600_000 + 1_000);
    deliverer.forgetEndpoints();
    await deliverer.handle(event('/rotate'));
    const after = receiver.at('/rotate')[1]!;
    expect([receiver.verifiesWith(after, oldSecret), receiver.verifiesWith(after, newSecret)]).toEqual([false, true]);
  });

  test('failing for 5 days disables the endpoint; its next events go to the slow lane meanwhile; recover re-sends the failed ones', async () => {
    const { endpoint: created } = await endpoint('/dead');
    receiver.answer('/dead', () => ({ status: 503 }));
    const first = event('/dead');
    await deliverer.handle(first);
    expect((await getWebhookEndpoint(created.id))?.failingSince).toBe(new Date(Date.now()).toISOString());
    deliverer.forgetEndpoints();
    // Already failing: the next event's first try comes from the retry queue, not inline.
    const second = event('/dead');
    await deliverer.handle(second);
    expect(receiver.at('/dead').map((d) => d.id)).toEqual([first.id]);
    expect(await queue.runDue()).toBe(1);
    expect(receiver.at('/dead').map((d) => d.id)).toEqual([first.id, second.id]);
    advance(5 * 24 * 3600_000);
    expect(await queue.runDue()).toBeGreaterThan(0);
    expect(await getWebhookEndpoint(created.id)).toMatchObject({ enabled: false, disabledReason: 'failing' });
    // Back up, enabled again by the operator: recover sends what did not arrive (one try each).
    receiver.answer('/dead', () => ({ status: 204 }));
    await endpointStore.updateEndpoint(created.id, { enabled: true, disabledReason: undefined, failingSince: undefined });
    const tried = receiver.at('/dead').length;
    const recovered = await recoverDeliveries(
      created.id,
      new Date(0).toISOString(),
      endpointStore,
      sqsRetryQueue({ queueUrl: queue.url, endpoint: new URL(queue.url).origin, nowMs: Date.now }),
    );
    expect(recovered.resent).toBe(2);
    // Their scheduled retries may still be queued: those find the deliveries succeeded and send nothing.
    advance(24 * 3600_000);
    while ((await queue.runDue()) > 0);
    const sentAgain = receiver.at('/dead').slice(tried);
    expect(
      sentAgain
        .filter((d) => d.verified)
        .map((d) => d.id)
        .sort(),
    ).toEqual([first.id, second.id].sort());
    // An explicit re-send of one event sends it again even though it succeeded.
    await resendDelivery(
      created.id,
      first.id,
      endpointStore,
      sqsRetryQueue({ queueUrl: queue.url, endpoint: new URL(queue.url).origin, nowMs: Date.now }),
    );
    await queue.runDue();
    expect(receiver.at('/dead').at(-1)!.id).toBe(first.id);
  });
});

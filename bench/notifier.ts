/**
 * The notifier's cost per e-mail, in process, against the bench's DynamoDB Local and a local SES
 * (`aws-ses-v2-local`) on a free port: pending e-mail invitations are made, their `Invitation
 * Created` events delivered once (sent) and again (duplicates). Per e-mail: SES calls, DynamoDB
 * calls and sequential round trips (floor: read the invitation and group, the suppression, claim,
 * mark: 4 sequential), CPU µs with SES stubbed (the SES call is I/O; its client's work is counted
 * in the "with SES" column, which includes the local SES server's own CPU in this process).
 */
import { randomBytes } from 'node:crypto';
import { addUser } from '../admin/commands';
import { addGroup } from '../functions/dialects/quranreflect/admin';
import type { Mailer, NotifiedEvent } from '../functions/domain/notify/invitation-emails';
import { sesMailer } from '../functions/email/ses-mailer';
import { notifier, notifierOptions, notifierStore } from '../functions/handlers/notifier/deliver-emails';
import { invitationLinks } from '../functions/dialects/quranreflect/domain/events';
import { type RoomsInvitationEmailStore, roomsInvitationEmail } from '../functions/dialects/quranreflect/domain/invitation-email';
import { type RoomsInvitationReads, readRoomsInvitation } from '../functions/dialects/quranreflect/store/notification-reads';
import { newInvitation } from '../functions/dialects/quranreflect/domain/invite-user';
import { dynamoDbClient } from '../functions/store/client';
import { upsertInvitation } from '../functions/dialects/quranreflect/store/invitations';
import { recordDynamoDbCalls } from '../local/dynamodb-call-recorder';
import { startLocalSes } from '../local/local-ses';
import { freePort } from '../test/support/free-port';
import { median, printTable, round } from './stats';

const KEY = randomBytes(32);

async function pendingInvitations(count: number): Promise<NotifiedEvent[]> {
  const owner = await addUser({ username: `bench-mail-${randomBytes(4).toString('hex')}` });
  const group = await addGroup({ name: 'Bench <mail> circle', admin: owner.username });
  const groupId = String(group.id);
  const inviter = { _id: owner._id, username: owner.username, userId: owner.userId };
  const now = Date.now();
  const events: NotifiedEvent[] = [];
  // 20 at a time: hundreds of new connections at once outrun DynamoDB Local's accept queue on 2 cores.
  for (let start = 0; start < count; start += 20) {
    events.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(20, count - start) }, async (_, j) => {
          const i = start + j;
          const email = `bench-${randomBytes(4).toString('hex')}-${i}@example.com`;
          const { invitation, token } = newInvitation(groupId, { kind: 'email', email }, inviter, now, 7 * 86_400, KEY);
          await upsertInvitation(invitation, Math.floor(now / 1000));
          return {
            id: `bench-${randomBytes(8).toString('hex')}`,
            'detail-type': 'Invitation Created',
            detail: {
              dialect: 'quranreflect',
              roomId: Number(groupId),
              invitee: { email },
              invitedBy: { userId: String(owner.userId) },
              token,
              ...invitationLinks('https://api.example', groupId, token),
              expiresAt: new Date((Math.floor(now / 1000) + 7 * 86_400) * 1000).toISOString(),
              renewed: false,
            },
          };
        }),
      )),
    );
  }
  return events;
}

/** Counts calls and hands them to `inner`. */
function counting(inner: Mailer): { calls: number; mailer: Mailer } {
  const counter: { calls: number; mailer: Mailer } = {
    calls: 0,
    mailer: {
      send: (email) => {
        counter.calls += 1;
        return inner.send(email);
      },
    },
  };
  return counter;
}

/** The same delivery rules on an in-memory table: one invitation, read for every event. */
function memoryStore(template: NotifiedEvent) {
  const delivered = new Set<string>();
  const reads = {
    group: { id: '1', name: 'Bench <mail> circle', createdBy: { _id: 'o', username: 'owner' }, createdAt: '', membersCount: 1 },
  };
  let invitationReads: RoomsInvitationReads | undefined;
  const rooms: RoomsInvitationEmailStore = {
    readRoomsInvitation: async (groupId, invitee) =>
      (invitationReads ??= await readRoomsInvitation(groupId, invitee)) && { ...invitationReads, ...reads },
  };
  const store: typeof notifierStore = {
    findSuppression: async () => undefined,
    claimDelivery: async (id) => (delivered.has(id) ? 'sent' : 'claimed'),
    markDelivered: async (id) => void delivered.add(id),
    releaseDelivery: async (id) => void delivered.delete(id),
  };
  const makers = (type: string) => (type === 'Invitation Created' ? roomsInvitationEmail(rooms) : undefined);
  return {
    store,
    makers,
    events: (count: number) => Array.from({ length: count }, (_, i) => ({ ...template, id: `${template.id}-${i}` })),
  };
}

const events0 = (events: NotifiedEvent[]) => events[0]!;

export async function measureNotifier() {
  const ses = await startLocalSes(await freePort());
  try {
    const recorder = recordDynamoDbCalls(dynamoDbClient);
    const stub = counting({ send: async () => ({ messageId: 'stub' }) });
    const stubbed = notifier(notifierStore, stub.mailer, notifierOptions());
    const real = counting(sesMailer({ from: 'invites@example.com', endpoint: ses.endpoint, region: 'us-east-1' }));
    const withSes = notifier(notifierStore, real.mailer, notifierOptions());

    const warm = await pendingInvitations(20);
    for (const event of warm) await stubbed.deliver(event);
    for (const event of warm.slice(0, 5)) await withSes.deliver({ ...event, id: `${event.id}-ses` });

    // DynamoDB calls and round trips of one e-mail, and of a duplicate.
    const [one] = await pendingInvitations(1);
    const sent = await recorder.measure(() => stubbed.deliver(one!));
    const duplicate = await recorder.measure(() => stubbed.deliver(one!));

    /** CPU µs and wall ms per e-mail, medians of rounds of 20 sequential deliveries. */
    const perEmail = async (deliver: typeof stubbed, events: NotifiedEvent[]) => {
      const cpuSamples: number[] = [];
      const wallSamples: number[] = [];
      for (let i = 0; i < events.length; i += 20) {
        const batch = events.slice(i, i + 20);
        const before = process.cpuUsage();
        const started = performance.now();
        for (const event of batch) await deliver.deliver(event);
        const used = process.cpuUsage(before);
        wallSamples.push((performance.now() - started) / batch.length);
        cpuSamples.push((used.user + used.system) / batch.length);
      }
      return { cpu: median(cpuSamples), wall: median(wallSamples) };
    };
    // The notifier's own work (rules, rendering, hashing): the table and SES both in memory.
    const memory = memoryStore(events0(await pendingInvitations(1)));
    const own = await perEmail(notifier(memory.store, stub.mailer, notifierOptions(), memory.makers), memory.events(400));
    const events = await pendingInvitations(200);
    const sesCallsBefore = real.calls;
    const full = await perEmail(withSes, events);
    const sesCalls = (real.calls - sesCallsBefore) / events.length;
    const duplicatesBefore = real.calls;
    for (const event of events.slice(0, 20)) await withSes.deliver(event);

    const rows = [
      {
        function: 'notifier (Rooms e-mail)',
        'SES calls per e-mail': round(sesCalls, 2),
        'SES calls per duplicate': round((real.calls - duplicatesBefore) / 20, 2),
        'DynamoDB calls / sequential (floor)': `${sent.summary.calls} / ${sent.summary.sequentialRoundTrips} (4)`,
        'duplicate: calls / sequential': `${duplicate.summary.calls} / ${duplicate.summary.sequentialRoundTrips}`,
        'CPU µs per e-mail (table, SES in memory)': round(own.cpu),
        'with DynamoDB Local + local SES: CPU µs, wall ms': `${round(full.cpu)}, ${round(full.wall, 2)}`,
      },
    ];
    console.log(
      '\n## 6. Notifier: SES calls, DynamoDB calls and CPU per e-mail (in process; medians of rounds of 20 e-mails; the last column includes the work of the SDK clients and the local SES server, which runs in this process)\n',
    );
    printTable(rows);
    return rows;
  } finally {
    await ses.stop();
  }
}

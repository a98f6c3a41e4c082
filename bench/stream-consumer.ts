/**
 * The stream consumer's cost per event, in process: batches of 100 stream records (as Lambda hands
 * them over: an invitation made, a membership created, an event note), mapped, checked against the
 * catalogue and put in an in-memory sink. CPU µs per record and per event; the bus's PutEvents
 * (one call per 10 events, concurrent) is I/O and not counted.
 */
import { randomBytes } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { EventEnvelope } from '../functions/events/catalogue';
import { publishChanges } from '../functions/handlers/stream/publish-changes';
import { invitationToken, issueInvitationToken } from '../functions/lib/invitation-token';
import { keys } from '../functions/dialects/quranreflect/store/keys';
import type { StreamRecord } from '../functions/store/table-changes';
import { median, printTable, round } from './stats';

const KEY = randomBytes(32);

function records(batch: number, offset: number): StreamRecord[] {
  return Array.from({ length: batch }, (_, i) => {
    const n = offset + i;
    const user = { _id: `U${n}`, username: `u${n}`, userId: n };
    const kind = n % 3;
    const key = keys.groupInvitationForUser('7', user._id);
    const item =
      kind === 0
        ? {
            ...key,
            groupId: '7',
            invitee: user,
            invitedBy: user,
            lastInvitedBy: user,
            createdAt: '',
            lastInvitedAt: '',
            expiresAt: 1_900_000_000,
            invitesSent: 1,
            ...issueInvitationToken(KEY, key.pk, key.sk),
          }
        : kind === 1
          ? { ...keys.groupMember('7', user._id), groupId: '7', user, role: 'member', joinedAt: '', via: { how: 'joined' } }
          : {
              ...keys.eventNote(String(n)),
              type: 'Member Removed',
              detail: { dialect: 'quranreflect', roomId: 7, userId: String(n), how: 'left' },
            };
    const { token: _token, ...stored } = item as Record<string, unknown>;
    return {
      eventID: `e${n}`,
      eventName: 'INSERT',
      dynamodb: { ApproximateCreationDateTime: 1_796_283_600, SequenceNumber: String(n), NewImage: marshall(stored) },
    };
  });
}

export async function measureStreamConsumer() {
  const sink = {
    events: 0,
    async put(events: readonly EventEnvelope[]) {
      this.events += events.length;
    },
  };
  const deps = {
    invitationToken: async (pk: string, sk: string, nonce: string) => invitationToken(KEY, pk, sk, nonce),
    publicBaseUrl: 'https://api.example',
  };
  const BATCH = 100;
  for (let i = 0; i < 30; i++) await publishChanges(records(BATCH, i * BATCH), sink, deps); // warm-up
  const samples: number[] = [];
  for (let round_ = 0; round_ < 15; round_++) {
    const batches = Array.from({ length: 10 }, (_, i) => records(BATCH, (round_ * 10 + i) * BATCH));
    const before = process.cpuUsage();
    for (const batch of batches) await publishChanges(batch, sink, deps);
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / (10 * BATCH));
  }
  const perRecord = median(samples);
  const rows = [
    {
      function: 'stream consumer',
      'records per batch': BATCH,
      'events per record': 1,
      'CPU µs per event': round(perRecord),
      'PutEvents calls per 100 events': 10,
    },
  ];
  console.log(
    '\n## 5. Stream consumer: CPU per event (records mapped, checked, enveloped; the bus stubbed; medians of 15 rounds of 1,000 records)\n',
  );
  printTable(rows);
  return rows;
}

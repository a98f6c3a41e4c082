/**
 * From stream records (shaped as DynamoDB Streams and Lambda deliver them, images in DynamoDB
 * JSON) to published events: the rules for every entity, TTL expiry as the real service marks it,
 * stable ids, the token rebuilt from the stored nonce, and where a batch stops when something fails.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, test } from 'vitest';
import type { DeriveDependencies } from '../../functions/domain/events/derive-events';
import type { EventEnvelope } from '../../functions/events/catalogue';
import type { EventSink } from '../../functions/events/sinks';
import { publishChanges } from '../../functions/handlers/stream/publish-changes';
import { hashToken } from '../../functions/lib/ids';
import { invitationToken, issueInvitationToken } from '../../functions/lib/invitation-token';
import { keys } from '../support/table-keys';
import type { StreamRecord } from '../../functions/store/table-changes';

const KEY = Buffer.alloc(32, 3);
const deps: DeriveDependencies = {
  invitationToken: async (pk, sk, nonce) => invitationToken(KEY, pk, sk, nonce),
  publicBaseUrl: 'https://api.example/',
};

function memorySink(refuse = false): EventSink & { events: EventEnvelope[] } {
  const events: EventEnvelope[] = [];
  return {
    events,
    async put(batch) {
      if (refuse) throw new Error('EISDIR: the outbox is a directory');
      events.push(...batch);
    },
  };
}

let sequence = 100;
/** A record as DynamoDB Streams delivers it; `ttl` marks a deletion by DynamoDB's TTL. */
function record(eventName: 'INSERT' | 'MODIFY' | 'REMOVE', images: { before?: object; after?: object }, ttl = false): StreamRecord {
  sequence += 1;
  return {
    eventID: `event-${sequence}`,
    eventName,
    dynamodb: {
      ApproximateCreationDateTime: 1_796_283_600,
      SequenceNumber: String(sequence),
      ...(images.before ? { OldImage: marshall(images.before, { removeUndefinedValues: true }) } : {}),
      ...(images.after ? { NewImage: marshall(images.after, { removeUndefinedValues: true }) } : {}),
    },
    ...(ttl ? { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } } : {}),
  };
}

const admin = { _id: 'A', username: 'admin', userId: 1 };
const bob = { _id: 'B', username: 'bob', userId: 2 };

function invitationItem(overrides: Record<string, unknown> = {}) {
  const key = keys.groupInvitationForUser('7', bob._id);
  const { token, tokenNonce, tokenHash } = issueInvitationToken(KEY, key.pk, key.sk);
  return {
    token,
    item: {
      ...key,
      groupId: '7',
      invitee: bob,
      invitedBy: admin,
      lastInvitedBy: admin,
      createdAt: '2026-12-03T07:00:00.000Z',
      lastInvitedAt: '2026-12-03T07:00:00.000Z',
      expiresAt: 1_796_889_600,
      invitesSent: 1,
      tokenHash,
      tokenNonce,
      ...overrides,
    },
  };
}

const types = (events: EventEnvelope[]) => events.map((event) => event['detail-type']);

describe('memberships, every dialect', () => {
  test('a membership created is Member Added, saying how and by whom; its removal alone says nothing (its note does)', async () => {
    const sink = memorySink();
    const roomMember = {
      ...keys.roomMember('R1', bob._id),
      _id: 'm',
      rid: 'R1',
      u: { _id: bob._id, username: 'bob' },
      roles: [],
      ts: '',
      via: { how: 'invited', by: { _id: 'A', username: 'admin' } },
    };
    const groupMember = {
      ...keys.groupMember('7', bob._id),
      groupId: '7',
      user: bob,
      role: 'member',
      joinedAt: '',
      via: { how: 'invitation', by: admin },
    };
    const publicKey = Buffer.alloc(32, 9);
    const bertyMember = {
      ...keys.bertyGroupMember(publicKey, bob._id),
      user: { _id: bob._id, username: 'bob' },
      joinedAt: '',
      via: { how: 'joined' },
    };
    const linkMember = { ...roomMember, via: { how: 'link', by: { _id: 'A' }, linkId: 'L1' } };
    await publishChanges(
      [
        record('INSERT', { after: roomMember }),
        record('INSERT', { after: groupMember }),
        record('INSERT', { after: bertyMember }),
        record('INSERT', { after: linkMember }),
        record('REMOVE', { before: roomMember }),
      ],
      sink,
      deps,
    );
    expect(sink.events.map((event) => event.detail)).toEqual([
      { dialect: 'rocketchat', roomId: 'R1', userId: 'B', username: 'bob', how: 'invited', by: { userId: 'A' } },
      { dialect: 'quranreflect', roomId: 7, userId: '2', username: 'bob', how: 'invitation', by: { userId: '1' } },
      { dialect: 'berty', roomId: publicKey.toString('base64'), userId: 'B', username: 'bob', how: 'joined' },
      { dialect: 'rocketchat', roomId: 'R1', userId: 'B', username: 'bob', how: 'link', by: { userId: 'A' }, linkId: 'L1' },
    ]);
    expect(types(sink.events)).toEqual(Array(4).fill('Member Added'));
  });

  test('an event note is its own event; counters, guards, tokens and messages are nothing', async () => {
    const sink = memorySink();
    const note = {
      ...keys.eventNote('n1'),
      type: 'Member Removed',
      detail: { dialect: 'quranreflect', roomId: 7, userId: '2', how: 'removed', by: { userId: '1' } },
      expiresAt: 1,
    };
    await publishChanges(
      [
        record('INSERT', { after: note }),
        record('REMOVE', { before: note }, true), // the note's own TTL deletion
        record('MODIFY', {
          before: { ...keys.roomCounter('R1', 3), usersCount: 1 },
          after: { ...keys.roomCounter('R1', 3), usersCount: 2 },
        }),
        record('INSERT', { after: { ...keys.token('h'), userId: 'B' } }),
        record('INSERT', { after: { ...keys.roomMessage('R1', 't', 'm'), t: 'au' } }),
      ],
      sink,
      deps,
    );
    expect(sink.events).toEqual([expect.objectContaining({ 'detail-type': 'Member Removed', detail: note.detail })]);
  });
});

describe('invitations', () => {
  test('created: the accept link carries a token that hashes to the stored hash, rebuilt from the nonce with the key', async () => {
    const sink = memorySink();
    const { item, token } = invitationItem();
    await publishChanges([record('INSERT', { after: item })], sink, deps);
    expect(sink.events).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        time: '2026-12-03T07:40:00.000Z',
        source: 'invites',
        'detail-type': 'Invitation Created',
        detail: {
          dialect: 'quranreflect',
          roomId: 7,
          invitee: { userId: '2' },
          invitedBy: { userId: '1' },
          token,
          acceptUrl: `https://api.example/v1/rooms/7/accept-invite?token=${token}`,
          rejectUrl: `https://api.example/v1/rooms/7/reject-invite?token=${token}`,
          expiresAt: new Date(1_796_889_600_000).toISOString(),
          renewed: false,
        },
      },
    ]);
    expect(hashToken(token)).toBe(item.tokenHash);
    // The item alone (what a dump of the table holds) contains no token.
    expect(JSON.stringify(item)).not.toContain(token);
  });

  test('renewed (a new token on a live invitation) is created again, renewed; a change that keeps the token says nothing', async () => {
    const sink = memorySink();
    const { item: before } = invitationItem();
    const { item: after } = invitationItem({ lastInvitedAt: '2026-12-03T08:00:00.000Z', invitesSent: 2 });
    const claimed = { ...after, claimedEmail: 'bob@example.com' };
    await publishChanges([record('MODIFY', { before, after }), record('MODIFY', { before: after, after: claimed })], sink, deps);
    expect(types(sink.events)).toEqual(['Invitation Created']);
    expect(sink.events[0]!.detail.renewed).toBe(true);
  });

  test('an e-mail invitation made over to a new account (same token, claimedEmail): no new event; a link that would not accept: the record fails', async () => {
    const sink = memorySink();
    const { item } = invitationItem({ claimedEmail: 'bob@example.com' });
    expect((await publishChanges([record('INSERT', { after: item })], sink, deps)).failedSequenceNumber).toBeUndefined();
    expect(sink.events).toEqual([]);
    const { item: forged } = invitationItem({ tokenHash: hashToken('something else') });
    const outcome = await publishChanges([record('INSERT', { after: forged })], sink, deps);
    expect(outcome.failedSequenceNumber).toBeDefined();
    expect(String(outcome.error)).toMatch(/does not match the stored hash/);
  });

  test('deleted by TTL (as the real service marks it): Invitation Expired; deleted by a request: nothing (its note tells)', async () => {
    const sink = memorySink();
    const { item } = invitationItem();
    await publishChanges([record('REMOVE', { before: item }, true), record('REMOVE', { before: item })], sink, deps);
    expect(sink.events).toEqual([
      expect.objectContaining({
        'detail-type': 'Invitation Expired',
        detail: {
          dialect: 'quranreflect',
          roomId: 7,
          invitee: { userId: '2' },
          invitedBy: { userId: '1' },
          expiresAt: new Date(1_796_889_600_000).toISOString(),
        },
      }),
    ]);
  });
});

describe('Rocket.Chat invite links', () => {
  const link = {
    ...keys.inviteLink('H1'),
    _id: 'L1',
    tokenHash: 'H1',
    tokenNonce: 'n',
    style: 'separate',
    rid: 'R1',
    userId: 'A',
    days: 7,
    maxUses: 5,
    uses: 0,
    expires: null,
    url: '',
    createdAt: '',
    _updatedAt: '',
    room: { t: 'c', name: 'g', fname: 'g' },
  };
  test('created, used (uses grow), removed (by removeInvite, or by TTL: expired)', async () => {
    const sink = memorySink();
    await publishChanges(
      [
        record('INSERT', { after: link }),
        record('MODIFY', { before: link, after: { ...link, uses: 1 } }),
        record('MODIFY', { before: { ...link, uses: 1 }, after: { ...link, uses: 1, _updatedAt: 'x' } }),
        record('REMOVE', { before: link }),
        record('REMOVE', { before: link }, true),
      ],
      sink,
      deps,
    );
    expect(types(sink.events)).toEqual(['Invite Link Created', 'Invite Link Used', 'Invite Link Removed', 'Invite Link Removed']);
    expect(sink.events[1]!.detail).toMatchObject({ linkId: 'L1', uses: 1, maxUses: 5, createdBy: { userId: 'A' } });
    expect(sink.events.slice(2).map((event) => event.detail.expired)).toEqual([false, true]);
  });

  test('a link moved by invite-links migrate (old item marked movedTo, then gone; the legacy one inserted) is neither removed nor created; a link not yet moved is named by its hash, not its token', async () => {
    const sink = memorySink();
    const clear = { ...keys.inviteLink('OLDTOKEN'), _id: 'OLDTOKEN', rid: 'R1', userId: 'A', days: 0, maxUses: 0, uses: 0, expires: null };
    await publishChanges(
      [
        record('MODIFY', { before: clear, after: { ...clear, movedTo: 'H2' } }),
        record('REMOVE', { before: { ...clear, movedTo: 'H2' } }),
        record('INSERT', { after: { ...link, ...keys.inviteLink('H2'), _id: 'L2', style: 'legacy' } }),
        record('MODIFY', { before: clear, after: { ...clear, uses: 1 } }),
      ],
      sink,
      deps,
    );
    expect(types(sink.events)).toEqual(['Invite Link Used']);
    expect(sink.events[0]!.detail.linkId).toMatch(/^[\da-f]{16}$/);
    expect(JSON.stringify(sink.events)).not.toContain('OLDTOKEN');
  });
});

describe('delivery', () => {
  test('the same records delivered twice give the same ids; different changes never share one', async () => {
    const { item } = invitationItem();
    const records = [
      record('INSERT', { after: item }),
      record('INSERT', {
        after: {
          ...keys.eventNote('n'),
          type: 'Invitation Email Requested',
          detail: { dialect: 'rocketchat', email: 'a@b.c', requestedBy: { userId: 'A' } },
        },
      }),
    ];
    const first = memorySink();
    const second = memorySink();
    await publishChanges(records, first, deps);
    await publishChanges(records, second, deps);
    expect(second.events.map((event) => event.id)).toEqual(first.events.map((event) => event.id));
    expect(new Set(first.events.map((event) => event.id)).size).toBe(2);
  });

  test('a sink that refuses: nothing published, the whole batch to retry from its first record', async () => {
    const { item } = invitationItem();
    const records = [record('INSERT', { after: item })];
    const outcome = await publishChanges(records, memorySink(true), deps);
    expect(outcome).toMatchObject({ published: [], failedSequenceNumber: records[0]!.dynamodb!.SequenceNumber });
    expect(String(outcome.error)).toContain('EISDIR');
  });

  test('a record that cannot be mapped stops the batch there: what came before is published, the rest is retried from it', async () => {
    const sink = memorySink();
    const { item } = invitationItem();
    const malformedNote = { ...keys.eventNote('bad'), type: 'Member Added', detail: { dialect: 'nowhere' } };
    const records = [
      record('INSERT', { after: item }),
      record('INSERT', { after: malformedNote }),
      record('INSERT', { after: invitationItem().item }),
    ];
    const outcome = await publishChanges(records, sink, deps);
    expect(types(sink.events)).toEqual(['Invitation Created']);
    expect(outcome.failedSequenceNumber).toBe(records[1]!.dynamodb!.SequenceNumber);
    expect(String((outcome.error as Error).message)).toMatch(/Member Added event does not match its schema/);
  });

  test("Lambda's shape (creation time in seconds) and the Streams API's (a Date) give the same time", async () => {
    const sink = memorySink();
    const { item } = invitationItem();
    const lambdaShaped = record('INSERT', { after: item });
    const apiShaped = { ...lambdaShaped, dynamodb: { ...lambdaShaped.dynamodb, ApproximateCreationDateTime: new Date(1_796_283_600_000) } };
    await publishChanges([lambdaShaped, apiShaped], sink, deps);
    expect(sink.events.map((event) => event.time)).toEqual(['2026-12-03T07:40:00.000Z', '2026-12-03T07:40:00.000Z']);
  });
});

/**
 * Invite link tokens in the table (issue 31): links stored by the code before the split (the
 * token as `_id`, in clear) keep working after the deploy, are moved by `invite-links migrate`
 * and keep working after it; and a scan of the table, after links are made, finds no string that
 * opens any link.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, test } from 'vitest';
import { migrateClearLinks } from '../../functions/dialects/rocketchat/domain/link-migration';
import { hashToken } from '../../functions/lib/ids';
import { documentClient, tableName } from '../../functions/store/client';
import * as fixtures from '../support/fixtures';
import { request } from '../support/http';
import { putPreSplitLink } from '../support/pre-split-links';

const post = (path: string, user: fixtures.TestUser | undefined, body: unknown) =>
  request('POST', `/api/v1/${path}`, { headers: user?.headers ?? {}, body });

async function scanAll(): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

/** Every string in an item, however deep (keys, attributes, nested maps and lists). */
const stringsOf = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value, ...value.split('#')]
    : Array.isArray(value)
      ? value.flatMap(stringsOf)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(stringsOf)
        : [];

describe('links stored before the split', () => {
  test('work after the deploy by their old _id; invite-links migrate moves them (legacy, new public id, 90 days for the unlimited one); they still work; no clear token is left', async () => {
    const owner = await fixtures.user();
    const room = await fixtures.channel({ owner });
    const unlimited = await putPreSplitLink(room, owner._id, { days: 0, maxUses: 0, expires: null });
    const weekly = await putPreSplitLink(room, owner._id, {
      days: 7,
      maxUses: 5,
      expires: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });

    // Read where they are, before any migration.
    expect((await post('validateInviteToken', undefined, { token: unlimited })).json).toEqual({ valid: true, success: true });
    expect((await post('useInviteToken', await fixtures.user(), { token: weekly })).status).toBe(200);
    // A new request of the same shape gets a new (split) link: a pre-split link is not reused.
    const fresh = (await post('findOrCreateInvite', owner, { rid: room._id, days: 7, maxUses: 5 })).json;
    expect(fresh._id).not.toBe(weekly);
    expect(fresh.inviteToken).toBeDefined();

    const before = Date.now();
    // Every clear link of the table is moved (other test files' too, so no count is asserted here).
    const outcome = await migrateClearLinks({ legacyDays: 90 });
    expect(Date.parse(outcome.legacyUntil) - before).toBeGreaterThanOrEqual(90 * 86_400_000 - 60_000);

    const admin = await fixtures.admin();
    const listed = (await request('GET', '/api/v1/listInvites', { headers: admin.headers })).json as Record<string, unknown>[];
    const moved = listed.filter((invite) => invite.rid === room._id && invite.legacy === true);
    expect(moved).toHaveLength(2);
    expect(JSON.stringify(listed)).not.toContain(unlimited);
    expect(JSON.stringify(listed)).not.toContain(weekly);
    const movedUnlimited = moved.find((invite) => invite.days === 0)!;
    expect(movedUnlimited._id).toMatch(/^[\da-f]{16}$/);
    expect(Date.parse(String(movedUnlimited.expires)) - before).toBeGreaterThanOrEqual(90 * 86_400_000 - 60_000);
    expect(moved.find((invite) => invite.days === 7)).toMatchObject({ uses: 1 });

    // Still working by the old `_id`, until the cut-off.
    expect((await post('useInviteToken', await fixtures.user(), { token: unlimited })).status).toBe(200);
    expect((await post('validateInviteToken', undefined, { token: weekly })).json).toEqual({ valid: true, success: true });
    // The events told no removal and no creation for the move.
    const items = await scanAll();
    expect(
      items.filter((item) => item.pk === 'INVITELINKS' && (item.sk === `INVITE#${unlimited}` || item.sk === `INVITE#${weekly}`)),
    ).toEqual([]);
    expect(items.filter((item) => item.inviteId === unlimited || item.inviteId === weekly)).toEqual([]);
    expect((await request('DELETE', `/api/v1/removeInvite/${movedUnlimited._id}`, { headers: admin.headers })).json).toBe(true);
  });
});

describe('a scan of the table', () => {
  test('after links are made (and used, and reused), no stored string opens any link', async () => {
    const owner = await fixtures.user();
    const room = await fixtures.channel({ owner });
    const made = [];
    for (const [days, maxUses] of [
      [1, 5],
      [7, 0],
      [0, 1],
    ] as const) {
      made.push((await post('findOrCreateInvite', owner, { rid: room._id, days, maxUses })).json);
      made.push((await post('findOrCreateInvite', owner, { rid: room._id, days, maxUses })).json);
    }
    expect((await post('useInviteToken', await fixtures.user(), { token: made[0].inviteToken })).status).toBe(200);
    const items = await scanAll();
    const linkHashes = new Set(
      items.filter((item) => item.pk === 'INVITELINKS' && String(item.sk).startsWith('INVITE#')).map((item) => String(item.tokenHash)),
    );
    for (const link of made) expect(linkHashes).toContain(hashToken(link.inviteToken));
    // No item holds a token in clear: no string of the table hashes to a link's key,
    const opening = [...new Set(items.flatMap(stringsOf))].filter((value) => linkHashes.has(hashToken(value)));
    expect(opening).toEqual([]);
    // and none of this test's tokens appears anywhere.
    const dump = JSON.stringify(items);
    for (const link of made) expect(dump).not.toContain(link.inviteToken);
  });
});

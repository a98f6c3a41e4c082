/**
 * The pages a browser opens: `<site>/invite/<id>` (what a shared Rocket.Chat invite link shows:
 * live, expired, unknown) and the index at `/`; HEAD on the docs page.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, test } from 'vitest';
import { documentClient, tableName } from '../../functions/store/client';
import { keys } from '../support/table-keys';
import { hashToken } from '../../functions/lib/ids';
import * as fixtures from '../support/fixtures';
import { apiUrl, request } from '../support/http';

async function newLink(maxUses: number) {
  const owner = await fixtures.user();
  const channel = await fixtures.channel({ owner, name: fixtures.unique('page-room') });
  const made = await request('POST', '/api/v1/findOrCreateInvite', {
    headers: owner.headers,
    body: { rid: channel._id, days: 7, maxUses },
  });
  return { owner, channel, link: made.json as { _id: string; inviteToken: string; url: string } };
}

describe('the invite link page', () => {
  test('a live link: the room, who made it, the expiry, the uses left, a button to Rocket.Chat; no login', async () => {
    const { owner, channel, link } = await newLink(5);
    expect(link.url).toBe(`${apiUrl()}/invite/${link.inviteToken}`);
    const page = await request('GET', `/invite/${link.inviteToken}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.text).toContain(`<h1>You are invited to join ${channel.name}</h1>`);
    expect(page.text).toContain(`<dd>${owner.username}</dd>`);
    expect(page.text).toContain('<dt>Uses left</dt><dd>5</dd>');
    expect(page.text).toMatch(/<dt>Expires<\/dt><dd>\w{3}, \d\d \w{3} \d{4} \d\d:\d\d UTC<\/dd>/);
    const host = new URL(apiUrl()).host;
    expect(page.text).toContain(
      `href="https://go.rocket.chat/invite?host=${encodeURIComponent(host)}&amp;path=${encodeURIComponent(`invite/${link.inviteToken}`)}&amp;secure=no"`,
    );
    expect(page.text).not.toContain('<script');
  });

  test('an expired link says so (410); an unknown one (404)', async () => {
    const { link } = await newLink(1);
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.inviteLink(hashToken(link.inviteToken)),
        UpdateExpression: 'SET expires = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );
    const expired = await request('GET', `/invite/${link.inviteToken}`);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('This invite link has expired');
    const unknown = await request('GET', '/invite/no-such-link');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('This invite link does not exist');
  });
});

describe('the index and the docs page', () => {
  test('/ links the docs and the OpenAPI document; HEAD /docs answers as GET without a body', async () => {
    const index = await request('GET', '/');
    expect(index.status).toBe(200);
    expect(index.text).toContain('<a href="docs">API docs</a>');
    expect(index.text).toContain('<a href="openapi.json">');
    const head = await fetch(`${apiUrl()}/docs`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toMatch(/^text\/html/);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(100);
    expect(await head.text()).toBe('');
  });
});

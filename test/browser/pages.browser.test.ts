/**
 * The pages in a real browser (headless Chromium): a shared invite link's page — live, expired,
 * unknown — and the docs page: every route rendered, authorized through its dialog, one call per dialect.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { routes } from '../../functions/routes';
import { documentClient, tableName } from '../../functions/store/client';
import { keys } from '../support/table-keys';
import { hashToken } from '../../functions/lib/ids';
import * as fixtures from '../support/fixtures';
import { apiUrl, request } from '../support/http';

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
});

async function link(maxUses: number) {
  const owner = await fixtures.user();
  const channel = await fixtures.channel({ owner, name: fixtures.unique('browser-room') });
  const made = await request('POST', '/api/v1/findOrCreateInvite', {
    headers: owner.headers,
    body: { rid: channel._id, days: 7, maxUses },
  });
  return { owner, channel, id: (made.json as { inviteToken: string }).inviteToken };
}

describe('the invite link page', () => {
  test('live: the room, the maker, the uses left and the button to Rocket.Chat; expired and unknown say so', async () => {
    const page = await browser.newPage();
    const live = await link(5);
    const response = await page.goto(`${apiUrl()}/invite/${live.id}`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(`You are invited to join ${live.channel.name}`);
    expect(await page.locator('dd').nth(1).textContent()).toBe(live.owner.username);
    expect(await page.locator('dd').nth(3).textContent()).toBe('5');
    expect(await page.getByRole('link', { name: 'Open in Rocket.Chat' }).getAttribute('href')).toContain(
      `path=${encodeURIComponent(`invite/${live.id}`)}`,
    );

    const expired = await link(1);
    await documentClient.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.inviteLink(hashToken(expired.id)),
        UpdateExpression: 'SET expires = :past',
        ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() },
      }),
    );
    expect((await page.goto(`${apiUrl()}/invite/${expired.id}`))?.status()).toBe(410);
    expect(await page.locator('h1').textContent()).toBe('This invite link has expired');
    expect((await page.goto(`${apiUrl()}/invite/nothing-here`))?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('This invite link does not exist');
    await page.close();
  });
});

describe('the docs page', () => {
  test('Swagger UI renders one operation per route, and the index links it', async () => {
    const page = await browser.newPage();
    await page.goto(apiUrl());
    await page.getByRole('link', { name: 'API docs' }).click();
    await page.waitForSelector('.opblock', { timeout: 20_000 });
    expect(await page.locator('.opblock').count()).toBe(routes.length);
    expect(await page.locator('button.authorize').count()).toBeGreaterThan(0);
    await page.close();
  });

  test('authorized through its Authorize dialog, it runs one call per dialect', async () => {
    const admin = await fixtures.admin();
    const client = await fixtures.clientId();
    const page = await browser.newPage();
    await page.goto(`${apiUrl()}/docs`);
    await page.waitForSelector('.opblock', { timeout: 20_000 });
    // Each scheme's value, as its description says: token, user _id, client id, bearer token.
    const values: Record<string, string> = {
      rocketChatToken: admin.authToken,
      rocketChatUserId: admin._id,
      quranReflectToken: admin.authToken,
      quranReflectClient: client,
      bertyBearer: admin.authToken,
    };
    await page.locator('button.authorize').first().click();
    for (const [scheme, value] of Object.entries(values)) {
      const container = page.locator('.auth-container', { has: page.locator('h4', { hasText: scheme }) });
      await container.locator('input').fill(value);
      await container.locator('button.authorize').click();
    }
    await page.locator('button.btn-done').first().click();

    const run = async (path: string, params: Record<string, string> = {}) => {
      const operation = page.locator('.opblock', { has: page.locator(`.opblock-summary-path[data-path="${path}"]`) }).first();
      await operation.locator('.opblock-summary').click();
      await operation.locator('button.try-out__btn').click();
      for (const [name, value] of Object.entries(params)) await operation.locator(`tr[data-param-name="${name}"] input`).fill(value);
      await operation.locator('button.execute').click();
      return Number(
        await (await operation.locator('.live-responses-table tbody .response-col_status').first().textContent({ timeout: 20_000 }))
          ?.trim()
          .slice(0, 3),
      );
    };
    const group = await request('POST', '/v1/rooms/groups', {
      headers: fixtures.quranHeaders(admin, client),
      body: { name: 'Docs circle', url: fixtures.unique('docs') },
    });
    expect(await run('/api/v1/listInvites')).toBe(200);
    expect(await run('/v1/rooms/{id}', { id: String((group.json as { data: { id: number } }).data.id) })).toBe(200);
    expect(await run('/protocol/v1/MultiMemberGroupCreate')).toBe(200);
    await page.close();
  });
});

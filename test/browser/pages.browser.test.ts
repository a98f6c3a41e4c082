/**
 * The pages in a real browser (headless Chromium): a shared invite link's page — live, expired,
 * unknown — and the docs page, which renders every route of the OpenAPI document.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { routes } from '../../functions/routes';
import { documentClient, tableName } from '../../functions/store/client';
import { keys } from '../../functions/store/keys';
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
  const made = await request('POST', '/api/v1/findOrCreateInvite', { headers: owner.headers, body: { rid: channel._id, days: 7, maxUses } });
  return { owner, channel, id: (made.json as { _id: string })._id };
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
    expect(await page.getByRole('link', { name: 'Open in Rocket.Chat' }).getAttribute('href')).toContain(`path=${encodeURIComponent(`invite/${live.id}`)}`);

    const expired = await link(1);
    await documentClient.send(
      new UpdateCommand({ TableName: tableName, Key: keys.inviteLink(expired.id), UpdateExpression: 'SET expires = :past', ExpressionAttributeValues: { ':past': new Date(Date.now() - 1000).toISOString() } }),
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
});

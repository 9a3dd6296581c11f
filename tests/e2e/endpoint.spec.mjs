// The reactions endpoint: delivery, reconciliation with the reply's counts, retries with
// backoff, the persisted outbox across a reload, and coalesced rapid toggling.
import { test, expect } from '@playwright/test';
import { openHost, seedProps, widget, recordEvents, events, watchErrors, endpoint, endpointLog } from './helpers.mjs';

const log = endpointLog;
const bodies = (entries) => entries.map(({ articleId, reaction, selected }) => ({ articleId, reaction, selected }));

test('a reaction is POSTed as the contract says and the reply counts replace the totals', async ({ page, request }) => {
  const errors = watchErrors(page);
  const { url, scope } = await endpoint(request);
  await openHost(page, widget({ ...seedProps(), id: 'e1', reactionEndpoint: url }));
  await page.getByRole('button', { name: '좋아요 0' }).click();
  await expect(page.getByRole('button', { name: '좋아요 1' })).toHaveAttribute('aria-pressed', 'true'); // at once
  await expect(page.getByRole('button', { name: '좋아요 11' })).toBeVisible(); // the reply's count
  const { deliveries } = await log(request, scope);
  expect(bodies(deliveries)).toEqual([{ articleId: 'e1', reaction: 'like', selected: true }]);
  expect(deliveries[0].idempotencyKey).toMatch(/\w+-\w+-\w+/);
  errors.expectClean();
});

test('failed sends are retried with backoff, each failure is an error event, delivery happens once', async ({ page, request }) => {
  await recordEvents(page);
  const { url, scope } = await endpoint(request, { failNext: 2 });
  await openHost(page, widget({ ...seedProps(), id: 'e2', reactionEndpoint: url }, 'id="w"'));
  await page.getByRole('button', { name: '슬퍼요 0' }).click();
  await expect(page.getByRole('button', { name: '슬퍼요 11' })).toBeVisible({ timeout: 10_000 });
  const { deliveries, attempts } = await log(request, scope);
  expect(attempts).toBe(3);
  expect(bodies(deliveries)).toEqual([{ articleId: 'e2', reaction: 'sad', selected: true }]);
  const failures = (await events(page)).filter((e) => e.type === 'articlewidget:error');
  expect(failures).toHaveLength(2);
  expect(failures[0]).toMatchObject({ target: 'w', bubbles: true, composed: true, detail: { articleId: 'e2' } });
  expect(failures[0].detail.message).toContain('HTTP 503');
});

test('a reaction made while the endpoint is down survives a reload and arrives exactly once', async ({ page, request }) => {
  const { url, scope } = await endpoint(request, { down: true });
  const hostUrl = await openHost(page, widget({ ...seedProps(), id: 'e3', reactionEndpoint: url }));
  await page.getByRole('button', { name: '좋아요 0' }).click();
  await expect.poll(async () => (await log(request, scope)).attempts).toBeGreaterThan(0);
  await page.goto(hostUrl);
  await expect(page.getByRole('button', { name: '좋아요 1' })).toHaveAttribute('aria-pressed', 'true');
  await request.post(`/api/control/${scope}`, { data: { down: false } });
  await expect.poll(async () => (await log(request, scope)).deliveries.length, { timeout: 10_000 }).toBe(1);
  await expect(page.getByRole('button', { name: '좋아요 11' })).toBeVisible();
  await page.waitForTimeout(1_500); // room for a duplicate to show up
  expect(bodies((await log(request, scope)).deliveries)).toEqual([{ articleId: 'e3', reaction: 'like', selected: true }]);
  expect(await page.evaluate(() => localStorage.getItem('article-widget:v1:outbox'))).toBeNull();
});

test('a dropped connection is retried like any failure', async ({ page, request }) => {
  const { url, scope } = await endpoint(request, { dropNext: 1 });
  await openHost(page, widget({ ...seedProps(), id: 'e4', reactionEndpoint: url }));
  await page.getByRole('button', { name: '화나요 0' }).click();
  await expect.poll(async () => (await log(request, scope)).deliveries.length, { timeout: 10_000 }).toBe(1);
  expect((await log(request, scope)).attempts).toBe(2);
});

test('rapid toggling sends the final state, not a storm', async ({ page, request }) => {
  const { url, scope } = await endpoint(request, { delayMs: 200 });
  await openHost(page, widget({ ...seedProps(), id: 'e5', reactionEndpoint: url }));
  const like = page.locator('.aw-reaction--like');
  for (let i = 0; i < 7; i++) await like.click();
  await expect(like).toHaveAttribute('aria-pressed', 'true');
  await page.waitForTimeout(1_500);
  const { deliveries } = await log(request, scope);
  expect(deliveries.length).toBeLessThanOrEqual(2);
  expect(deliveries.at(-1)).toMatchObject({ articleId: 'e5', reaction: 'like', selected: true });
});

test('single mode: moving a reaction withdraws the old one first, in order', async ({ page, request }) => {
  const { url, scope } = await endpoint(request);
  await openHost(page, widget({ ...seedProps(), id: 'e6', reactionEndpoint: url }));
  await page.getByRole('button', { name: '좋아요 0' }).click();
  await expect.poll(async () => (await log(request, scope)).deliveries.length).toBe(1);
  await page.getByRole('button', { name: /^슬퍼요/ }).click();
  await expect.poll(async () => (await log(request, scope)).deliveries.length).toBe(3);
  expect(bodies((await log(request, scope)).deliveries)).toEqual([
    { articleId: 'e6', reaction: 'like', selected: true },
    { articleId: 'e6', reaction: 'like', selected: false },
    { articleId: 'e6', reaction: 'sad', selected: true },
  ]);
  await expect(page.getByRole('button', { name: '좋아요 10' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByRole('button', { name: '슬퍼요 11' })).toHaveAttribute('aria-pressed', 'true');
});

test('two tabs queueing while the endpoint is down lose neither change', async ({ page, context, request }) => {
  const { url, scope } = await endpoint(request, { down: true });
  const host = widget({ ...seedProps(), id: 'tab-a', reactionEndpoint: url }, 'id="a"') +
    widget({ ...seedProps(), id: 'tab-b', reactionEndpoint: url }, 'id="b"');
  await openHost(page, host);
  const other = await context.newPage();
  await openHost(other, host);
  // Every tab's pending changes, as stored (each tab writes its own key).
  const outboxes = (p) => p.evaluate(() => Object.entries(localStorage)
    .filter(([k]) => k.startsWith('article-widget:v1:outbox:')).map(([, v]) => v).join(''));
  await page.locator('#a').getByRole('button', { name: '좋아요 0' }).click();
  await expect.poll(() => outboxes(page)).toContain('tab-a');
  await other.locator('#b').getByRole('button', { name: '슬퍼요 0' }).click();
  await expect.poll(() => outboxes(other)).toContain('tab-b');
  expect(await outboxes(page)).toContain('tab-a');
  await request.post(`/api/control/${scope}`, { data: { down: false } });
  await expect.poll(async () => bodies((await log(request, scope)).deliveries).map((d) => `${d.articleId}/${d.reaction}`).sort(), { timeout: 15_000 })
    .toEqual(['tab-a/like', 'tab-b/sad']);
  // One sender at a time across tabs (a Web Lock), and each change applied once: `deliveries`
  // counts Idempotency-Keys. A resend under the same key is allowed (a tab sees another tab's
  // storage writes only eventually) and is answered without applying it again, so each reader
  // still holds exactly what the endpoint counted.
  expect((await log(request, scope)).state).toEqual({ 'tab-a/like': true, 'tab-b/sad': true });
  await expect(page.locator('#a').getByRole('button', { name: /^좋아요/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(other.locator('#b').getByRole('button', { name: /^슬퍼요/ })).toHaveAttribute('aria-pressed', 'true');
});

test('a change the endpoint refuses for good (4xx) is taken back, not left counted', async ({ page, request }) => {
  await recordEvents(page);
  const { url, scope } = await endpoint(request, { failNext: 1, failStatus: 422 });
  await openHost(page, widget({ ...seedProps(), id: 'e7', reactionEndpoint: url }, 'id="w"'));
  await page.getByRole('button', { name: '좋아요 0' }).click();
  await expect(page.getByRole('button', { name: '좋아요 0' })).toHaveAttribute('aria-pressed', 'false');
  const failure = (await events(page)).find((e) => e.type === 'articlewidget:error');
  expect(failure.detail.message).toContain('HTTP 422; dropped');
  await page.waitForTimeout(800);
  expect((await log(request, scope)).attempts).toBe(1); // not retried
});

test('a dead endpoint does not hold up reactions bound for a live one', async ({ page, request }) => {
  const dead = await endpoint(request, { down: true });
  const live = await endpoint(request);
  await openHost(page,
    widget({ ...seedProps(), id: 'old', reactionEndpoint: dead.url }, 'id="old"') +
    widget({ ...seedProps(), id: 'new', reactionEndpoint: live.url }, 'id="new"'));
  await page.locator('#old').getByRole('button', { name: '좋아요 0' }).click();
  await expect.poll(async () => (await log(request, dead.scope)).attempts).toBeGreaterThan(0);
  await page.locator('#new').getByRole('button', { name: '화나요 0' }).click();
  await expect.poll(async () => bodies((await log(request, live.scope)).deliveries), { timeout: 5_000 })
    .toEqual([{ articleId: 'new', reaction: 'angry', selected: true }]);
});

// The delivery of reader changes under multi-tab use and faults (issue 7): each test is named
// after the defect it pins down. Tabs are pages of one browser context: one localStorage, one
// set of Web Locks, as a reader's tabs of one site.
import { test, expect } from '@playwright/test';
import { openHost, seedProps, widget, recordEvents, events, CSP, endpoint, endpointLog } from './helpers.mjs';
import { readFileSync } from 'node:fs';

// Retries back off to 30 s: these tests wait for real deliveries.
test.describe.configure({ timeout: 90_000 });

const log = endpointLog;
const control = (request, scope, data) => request.post(`/api/control/${scope}`, { data });

/**
 * Counts, from the first script on, what an idle tab must not do: Web Lock requests, storage
 * reads and timer callbacks.
 */
async function countActivity(page) {
  await page.addInitScript(() => {
    const counts = { locks: 0, reads: 0, timers: 0 };
    window.__awActivity = counts;
    if (navigator.locks) {
      const request = navigator.locks.request.bind(navigator.locks);
      navigator.locks.request = (...args) => { counts.locks += 1; return request(...args); };
    }
    const getItem = Storage.prototype.getItem;
    Storage.prototype.getItem = function (...args) { counts.reads += 1; return getItem.apply(this, args); };
    const setTimeout = window.setTimeout;
    window.setTimeout = function (fn, ms, ...rest) {
      const wrapped = typeof fn === 'function' ? function (...a) { counts.timers += 1; return fn.apply(this, a); } : fn;
      return setTimeout.call(window, wrapped, ms, ...rest);
    };
  });
}
const resetActivity = (page) => page.evaluate(() => Object.assign(window.__awActivity, { locks: 0, reads: 0, timers: 0 }));
const activity = (page) => page.evaluate(() => ({ ...window.__awActivity }));

/** Makes every widget write to localStorage throw, as a full origin does, in this tab only. */
async function fullStorage(page) {
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (String(key).startsWith('article-widget:')) throw new DOMException('full', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
}

/** Opens `body` as a page at `path` (any depth), with the release build's head. */
async function openAt(page, path, body) {
  const index = readFileSync(new URL('../../dist/index.html', import.meta.url), 'utf8');
  const html = index.replace(/<body[^>]*>[\s\S]*<\/body>/, `<body>${body}<script type="module" src="/embed.js"></script></body>`);
  await page.route(`**${path}`, (route) =>
    route.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': CSP }, body: html }));
  await page.goto(path);
  await page.locator('[data-article-widget] .aw-widget').first().waitFor();
}

test('spin loop: a tab whose changes another tab delivered, and tabs after the host clears the keys, do nothing while idle', async ({ context, request }) => {
  const { url, scope } = await endpoint(request, { down: true });
  const [a, b] = [await context.newPage(), await context.newPage()];
  for (const p of [a, b]) await countActivity(p);
  const article = widget({ ...seedProps(), id: 'spin', reactionEndpoint: url });
  await openHost(a, article);
  await a.getByRole('button', { name: '좋아요 0' }).click();
  await expect.poll(async () => (await log(request, scope)).attempts).toBeGreaterThan(0);
  // Tab B starts while the change waits: both tabs now know of it.
  await openHost(b, article);
  await b.getByRole('button', { name: '좋아요 1' }).waitFor();
  await control(request, scope, { down: false });
  await expect.poll(async () => (await log(request, scope)).deliveries.length, { timeout: 35_000 }).toBe(1);
  // The tab that sent shows the reply's count; the other follows the stored state.
  for (const p of [a, b]) await expect(p.getByRole('button', { name: /^좋아요/ })).toHaveAttribute('aria-pressed', 'true');
  await a.waitForTimeout(500); // let both settle: the last replies and storage events
  for (const p of [a, b]) await resetActivity(p);
  await a.waitForTimeout(2_000); // proving an absence: nothing may happen in this window
  expect(await activity(a)).toEqual({ locks: 0, reads: 0, timers: 0 });
  expect(await activity(b)).toEqual({ locks: 0, reads: 0, timers: 0 });
  // The host clears the widget's keys in one tab: the other hears it and stays idle too.
  await a.evaluate(() => { for (const k of Object.keys(localStorage)) if (k.startsWith('article-widget:v1:')) localStorage.removeItem(k); });
  await a.waitForTimeout(300); // the storage events reach the other tab
  for (const p of [a, b]) await resetActivity(p);
  await a.waitForTimeout(2_000); // proving an absence
  expect((await activity(a)).locks + (await activity(b)).locks).toBe(0);
  expect((await activity(a)).timers + (await activity(b)).timers).toBe(0);
  expect((await log(request, scope)).deliveries).toHaveLength(1);
});

test('relative endpoints lost: a change queued on one page is sent where that page meant, from a page at another depth', async ({ context, request }) => {
  const { scope } = await endpoint(request, { down: true });
  const props = { ...seedProps(), id: 'rel', reactionEndpoint: `../api/reactions/${scope}` };
  const page = await context.newPage();
  // /site/news/article.html + ../api/… = /site/api/…, which the server answers like /api/….
  await openAt(page, '/site/news/article.html', widget(props));
  await page.getByRole('button', { name: '좋아요 0' }).click();
  await expect.poll(async () => (await log(request, scope)).attempts).toBeGreaterThan(0);
  await page.close();
  // The reader goes on to a page elsewhere on the site, which delivers what is left.
  const other = await context.newPage();
  await openAt(other, '/deep/er/page.html', widget({ ...seedProps(), id: 'elsewhere' }));
  await control(request, scope, { down: false });
  await expect.poll(async () => (await log(request, scope)).deliveries.length, { timeout: 35_000 }).toBe(1);
  expect((await log(request, scope)).deliveries[0]).toMatchObject({ articleId: 'rel', reaction: 'like', selected: true });
  // Back on the article: still counted, and confirmed.
  const back = await context.newPage();
  await openAt(back, '/site/news/article.html', widget(props));
  await expect(back.getByRole('button', { name: /^좋아요/ })).toHaveAttribute('aria-pressed', 'true');
});

test('relative endpoints lost: a change dropped by another tab is taken back wherever the article is shown, and after reload', async ({ context, request }) => {
  const { url, scope } = await endpoint(request, { down: true });
  const [a, b] = [await context.newPage(), await context.newPage()];
  const article = widget({ ...seedProps(), id: 'takeback', reactionEndpoint: url });
  await openHost(a, article);
  await openHost(b, article);
  await b.getByRole('button', { name: '좋아요 0' }).waitFor();
  await a.getByRole('button', { name: '좋아요 0' }).click();
  // The other tab follows the reader's choice through the storage event.
  await expect(b.getByRole('button', { name: '좋아요 1' })).toHaveAttribute('aria-pressed', 'true');
  await control(request, scope, { down: false, failNext: 1000, failStatus: 410 });
  for (const p of [a, b]) {
    await expect(p.getByRole('button', { name: '좋아요 0' })).toHaveAttribute('aria-pressed', 'false', { timeout: 35_000 });
  }
  await b.reload();
  await expect(b.getByRole('button', { name: '좋아요 0' })).toHaveAttribute('aria-pressed', 'false');
  expect((await log(request, scope)).deliveries).toHaveLength(0);
});

test('quota wipes the queue: a tab whose storage is full never removes another tab\'s pending changes, and still delivers its own', async ({ context, request }) => {
  const { url, scope } = await endpoint(request, { down: true });
  const healthy = await context.newPage();
  const full = await context.newPage();
  await fullStorage(full);
  await openHost(healthy, widget({ ...seedProps(), id: 'q-healthy', reactionEndpoint: url }));
  await healthy.getByRole('button', { name: '좋아요 0' }).click();
  await expect.poll(async () => (await log(request, scope)).attempts).toBeGreaterThan(0);
  await openHost(full, widget({ ...seedProps(), id: 'q-full', reactionEndpoint: url }));
  await full.getByRole('button', { name: '슬퍼요 0' }).click();
  await expect(full.getByRole('button', { name: '슬퍼요 1' })).toHaveAttribute('aria-pressed', 'true');
  await full.waitForTimeout(1_000); // proving an absence: the full tab deletes nothing meanwhile
  // The healthy tab's change is still stored.
  const stored = await healthy.evaluate(() => Object.entries(localStorage)
    .filter(([k]) => k.startsWith('article-widget:v1:outbox:')).map(([, v]) => v).join(''));
  expect(stored).toContain('q-healthy');
  await control(request, scope, { down: false });
  await expect.poll(async () => (await log(request, scope)).deliveries.map((d) => d.articleId).sort(), { timeout: 35_000 })
    .toEqual(['q-full', 'q-healthy']);
});

test('unbounded retries: a change older than the age limit is dropped, taken back and reported; keys are UUIDs', async ({ page, request }) => {
  await page.clock.install();
  await recordEvents(page);
  const { url, scope } = await endpoint(request, { down: true });
  await openHost(page, widget({ ...seedProps(), id: 'old', reactionEndpoint: url }, 'id="w"'));
  await page.getByRole('button', { name: '좋아요 0' }).click();
  await page.clock.runFor(2_000);
  await expect.poll(async () => (await log(request, scope)).attempts).toBeGreaterThan(0);
  // Eight days pass with the endpoint down (the retries in between back off to 30 s).
  for (let i = 0; i < 8; i++) await page.clock.fastForward(24 * 3600 * 1000);
  const like = page.locator('.aw-reaction--like');
  await expect.poll(async () => {
    await page.clock.runFor(31_000);
    return like.getAttribute('aria-pressed');
  }, { timeout: 15_000 }).toBe('false');
  const errors = (await events(page)).filter((e) => e.type === 'articlewidget:error');
  expect(errors.at(-1).detail.message).toContain('older than 7 days');
  expect((await log(request, scope)).deliveries).toHaveLength(0);
  const { attempts } = await log(request, scope);
  expect(attempts).toBeLessThan(40); // backing off, not hammering (8 days at ≥ 15 s would be 46,080)
  await control(request, scope, { down: false });
  await like.click();
  await expect.poll(async () => {
    await page.clock.runFor(1_000);
    return (await log(request, scope)).deliveries.length;
  }).toBe(1);
  expect((await log(request, scope)).deliveries[0].idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});

test('stale closure: after update() keeps the id but changes counts, mode and endpoint, deliveries and clicks use the new props', async ({ page, request }) => {
  const first = await endpoint(request, { noCounts: true });
  const second = await endpoint(request, { noCounts: true });
  await openHost(page, '<div id="spa"></div>');
  await page.evaluate(({ props }) => {
    window.__handle = window.ArticleWidget.mount(document.getElementById('spa'), props);
  }, { props: { ...seedProps(), id: 'stale', reactionEndpoint: first.url } });
  await page.getByRole('button', { name: '좋아요 0' }).waitFor();
  await page.evaluate(({ props }) => window.__handle.update(props), {
    props: { ...seedProps(), id: 'stale', reactionEndpoint: second.url, reactionMode: 'multiple',
      reactions: [{ key: 'like', count: 40 }, { key: 'sad', count: 7 }] },
  });
  await page.getByRole('button', { name: '좋아요 40' }).click();
  await page.getByRole('button', { name: '슬퍼요 7' }).click();
  await expect.poll(async () => (await log(request, second.scope)).deliveries.length, { timeout: 10_000 }).toBe(2);
  // Replies without counts: the confirmed reactions fold into today's totals, not the first props'.
  await page.waitForTimeout(300); // proving an absence: the counts must not jump back after the replies
  await expect(page.getByRole('button', { name: '좋아요 41' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: '슬퍼요 8' })).toHaveAttribute('aria-pressed', 'true');
  expect((await log(request, first.scope)).attempts).toBe(0);
});

test('two tabs reacting at the same instant while the endpoint flaps: every change applied once, the endpoint ends where the reader is, idle tabs do nothing', async ({ context, request }) => {
  const { url, scope } = await endpoint(request, { chaos: { seed: 7, fail: 0.3, drop: 0.1, dropAfter: 0.2 } });
  const [a, b] = [await context.newPage(), await context.newPage()];
  for (const p of [a, b]) await countActivity(p);
  const article = widget({ ...seedProps(), id: 'twotabs', reactionMode: 'multiple', reactionEndpoint: url });
  await openHost(a, article);
  await openHost(b, article);
  await b.locator('.aw-reaction--like').waitFor();
  for (const [ka, kb] of [['like', 'sad'], ['angry', 'like'], ['followUp', 'followUp'], ['sad', 'angry']]) {
    await Promise.all([a.locator(`.aw-reaction--${ka}`).click(), b.locator(`.aw-reaction--${kb}`).click()]);
  }
  await control(request, scope, { chaos: null });
  const held = async () => a.evaluate(() => JSON.parse(localStorage.getItem('article-widget:v1:reactions:twotabs') || '[]').sort());
  const serverHolds = async () => Object.entries((await log(request, scope)).state)
    .filter(([k, v]) => k.startsWith('twotabs/') && v).map(([k]) => k.slice('twotabs/'.length)).sort();
  await expect.poll(async () => JSON.stringify(await serverHolds()) === JSON.stringify(await held()), { timeout: 60_000 }).toBe(true);
  // No change applied twice: one delivery per key.
  const { deliveries } = await log(request, scope);
  expect(new Set(deliveries.map((d) => d.idempotencyKey)).size).toBe(deliveries.length);
  // Both tabs show what the reader holds.
  for (const p of [a, b]) {
    const pressed = await p.locator('.aw-reaction[aria-pressed="true"]').evaluateAll((els) =>
      els.map((el) => [...el.classList].find((c) => c.startsWith('aw-reaction--') && c !== 'aw-reaction--pressed').slice('aw-reaction--'.length)).sort());
    expect(pressed).toEqual(await held());
  }
  await expect.poll(async () => a.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':outbox:')).length), { timeout: 35_000 }).toBe(0);
  await a.waitForTimeout(500); // the last replies and storage events land
  for (const p of [a, b]) await resetActivity(p);
  await a.waitForTimeout(2_000); // proving an absence: idle tabs do nothing
  expect(await activity(a)).toEqual({ locks: 0, reads: 0, timers: 0 });
  expect(await activity(b)).toEqual({ locks: 0, reads: 0, timers: 0 });
});

test('an upgrade loses nothing: changes left in the old shared outbox key are delivered, and the key goes', async ({ page, request }) => {
  const { url, scope } = await endpoint(request);
  await page.addInitScript(({ url }) => {
    if (sessionStorage.getItem('aw-seeded')) return;
    sessionStorage.setItem('aw-seeded', '1');
    localStorage.setItem('article-widget:v1:outbox', JSON.stringify([
      { id: 'old-1', endpoint: url, articleId: 'legacy', reaction: 'like', selected: true },
    ]));
  }, { url });
  await openHost(page, widget({ ...seedProps(), id: 'other-article' }));
  await expect.poll(async () => (await log(request, scope)).deliveries.length, { timeout: 10_000 }).toBe(1);
  expect((await log(request, scope)).deliveries[0])
    .toMatchObject({ articleId: 'legacy', reaction: 'like', selected: true, idempotencyKey: 'old-1' });
  await expect.poll(() => page.evaluate(() => localStorage.getItem('article-widget:v1:outbox'))).toBeNull();
});

// data-src and data-refresh under hostile conditions (issue 7, defects 2, 7 and 8): timer
// delays that would overflow, a first load that fails, replies a page should not render.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { CSP, openHost, watchErrors } from './helpers.mjs';

/** Requests the page makes whose URL contains `part`, counted from now. */
function countRequests(page, part) {
  const seen = { count: 0 };
  page.on('request', (r) => r.url().includes(part) && (seen.count += 1));
  return seen;
}

test('timer overflow: data-refresh of 3,000,000 s never polls at once', async ({ page }) => {
  const errors = watchErrors(page);
  const scope = `o${Date.now()}`;
  // 3,000,000 s and 2,147,484 s are both past 2^31 ms, where a timer's delay wraps negative.
  const far = countRequests(page, `/api/quotes/${scope}-far`);
  const edge = countRequests(page, `/api/quotes/${scope}-edge`);
  await openHost(page,
    `<div data-article-widget id="far" data-src="/api/quotes/${scope}-far" data-refresh="3000000"></div>` +
    `<div data-article-widget id="edge" data-src="/api/quotes/${scope}-edge" data-refresh="2147484"></div>`);
  await expect(page.locator('#far .aw-quotes__row')).toHaveCount(2);
  await expect(page.locator('#edge .aw-quotes__row')).toHaveCount(2);
  await page.waitForTimeout(3_000); // proving an absence: no poll may come in these 3 s
  expect(far.count, 'requests from data-refresh="3000000"').toBe(1);
  expect(edge.count, 'requests from data-refresh="2147484"').toBe(1);
  errors.expectClean();
});

test('polling starts after a failed first load', async ({ page, request }) => {
  const scope = `f${Date.now()}`;
  await request.post(`/api/control/quotes-${scope}`, { data: { down: true } });
  await openHost(page, `<div data-article-widget id="live" data-src="/api/quotes/${scope}" data-refresh="1"></div>`);
  const live = page.locator('#live');
  await expect(live.getByRole('alert')).toContainText('data-src');
  await expect(live.getByRole('alert')).toContainText('HTTP 503');
  await page.evaluate(() => { window.__samePage = true; });

  await request.post(`/api/control/quotes-${scope}`, { data: { down: false } });
  // The retry backs off like a failed poll (2 s after one failure, 4 s after two).
  await expect(live.getByRole('table', { name: '실시간 암호화폐 시세' })).toBeVisible({ timeout: 8_000 });
  await expect(live.getByRole('alert')).toHaveCount(0);
  const price = live.locator('.aw-quotes__row').first().locator('.aw-quotes__price');
  const first = await price.textContent();
  // And it keeps polling at the interval once the data came.
  await expect(price).not.toHaveText(first, { timeout: 3_000 });
  expect(await page.evaluate(() => window.__samePage), 'no reload').toBe(true);
});

test('data-src limits: oversized body / wrong content type / cross-origin redirect each give a named alert', async ({ page, request }) => {
  // The page is on http://127.0.0.1:4173; http://localhost:4173 is the same server as another
  // origin. The host's CSP lets the page connect there, as a host with an API origin would, and
  // Chromium is told the page may reach it (a real other site is not on the loopback address).
  const other = 'http://localhost:4173';
  const csp = CSP.replace("default-src 'self'", `default-src 'self'; connect-src 'self' ${other}`);
  const away = encodeURIComponent(`${other}/api/data/box?title=${encodeURIComponent("another site's news")}`);
  const near = encodeURIComponent('/api/data/box?title=same-origin redirect');
  const scope = `l${Date.now()}`;
  const html = readFileSync(new URL('../../dist/index.html', import.meta.url), 'utf8')
    .replace(/<body[^>]*>[\s\S]*<\/body>/, '<body>' +
      '<div data-article-widget id="big" data-src="/api/data/big?mb=6"></div>' +
      `<div data-article-widget id="huge" data-src="/api/data/big?mb=60&amp;scope=${scope}"></div>` +
      '<div data-article-widget id="declared" data-src="/api/data/big?mb=6&amp;declared=1"></div>' +
      '<div data-article-widget id="html" data-src="/api/data/html"></div>' +
      `<div data-article-widget id="away" data-src="/api/data/redirect?to=${away}"></div>` +
      '<div data-article-widget id="fits" data-src="/api/data/big?mb=3.5"></div>' +
      `<div data-article-widget id="near" data-src="/api/data/redirect?to=${near}"></div>` +
      '<script type="module" src="/embed.js"></script></body>');
  await page.route('**/limits.html', (route) =>
    route.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': csp }, body: html }));
  await page.context().grantPermissions(['local-network-access']);
  await page.goto('/limits.html');

  const alert = (id) => page.locator(`#${id}`).getByRole('alert');
  await expect(alert('big')).toContainText('data-src');
  await expect(alert('big')).toContainText('reply larger than 4 MiB');
  await expect(alert('declared')).toContainText('reply larger than 4 MiB');
  await expect(alert('huge')).toContainText('reply larger than 4 MiB');
  // The download stops at the cap: the server is hung up on long before its 60 MiB are sent
  // (what it did send beyond 4 MiB sat in socket buffers).
  await expect.poll(async () => (await (await request.get(`/api/data/sent?scope=${scope}`)).json())?.closed).toBe(true);
  const { sent } = await (await request.get(`/api/data/sent?scope=${scope}`)).json();
  expect(sent).toBeLessThan(24 * 1024 * 1024);
  await expect(alert('html')).toContainText('reply is not JSON (content-type text/html)');
  await expect(alert('away')).toContainText(`redirected to another origin (${other})`);
  await expect(page.getByRole('link', { name: "another site's news" })).toHaveCount(0);
  // What is within the limits still renders: a reply just under the cap, a same-origin redirect.
  await expect(page.locator('#fits').getByRole('link', { name: 'big' })).toBeVisible();
  await expect(page.locator('#near').getByRole('link', { name: 'same-origin redirect' })).toBeVisible();
});

// Hostile input and broken environments: injection vectors through every field, odd JS values,
// huge content, storage that throws or is full, failing and hanging data-src, unmount during a
// fetch, 1,000 mount/unmount cycles, and reactions over a chaotic network across 20 reloads.
import { test, expect } from '@playwright/test';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { openHost, seedProps, widget, widgetWithDataProps, watchErrors, hostileProps, inspectInjection } from './helpers.mjs';

const { vectors } = JSON.parse(readFileSync(new URL('../xss-vectors.json', import.meta.url), 'utf8'));

/** Records a measurement in artifacts/measurements.json, for the README and the notes. */
function record(name, value) {
  const dir = new URL('../../artifacts/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL('measurements.json', dir);
  let all = {};
  try { all = JSON.parse(readFileSync(file, 'utf8')); } catch {}
  all[name] = value;
  writeFileSync(file, JSON.stringify(all, null, 2));
}

/** Counts script that ran: the vectors bump window.__pwned; alert and navigation are caught too. */
async function trapScript(page) {
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.addInitScript(() => { window.__pwned = 0; });
  return dialogs;
}


test(`${vectors.length} injection vectors through every string and URL field stay inert`, async ({ page }) => {
  expect(vectors.length).toBeGreaterThanOrEqual(100);
  const errors = watchErrors(page);
  const dialogs = await trapScript(page);
  const body = vectors.map((v, i) => (i % 2 ? widget(hostileProps(v, i)) : widgetWithDataProps(hostileProps(v, i)))).join('');
  await openHost(page, body);
  await expect(page.locator('article')).toHaveCount(vectors.length);
  await page.locator('.aw-reaction').first().hover();
  await page.waitForTimeout(500); // let any onerror / onload that slipped through fire

  const report = await inspectInjection(page);
  expect(report).toEqual({ pwned: 0, badTags: [], onAttrs: [], badUrls: [], scripts: [] });
  expect(dialogs).toEqual([]);
  expect(page.url()).toContain('/host-');
  expect(errors.page).toEqual([]);
  expect(errors.csp).toEqual([]);
  record('xssVectors', vectors.length);
});

test('values only script can hand over (NaN, lone surrogates, cycles, throwing getters) never break a widget', async ({ page }) => {
  const errors = watchErrors(page);
  await openHost(page, widget(seedProps(), 'id="bystander"') + '<div id="t"></div>'.repeat(1));
  const results = await page.evaluate((seed) => {
    const cyclic = { ...seed, id: 'cyc' }; cyclic.self = cyclic;
    const getter = { ...seed, id: 'get' };
    Object.defineProperty(getter, 'title', { enumerable: true, get() { throw new Error('boom'); } });
    const cases = [
      { ...seed, id: 'nan', reactions: [{ key: 'like', count: NaN }] },
      { ...seed, id: 'inf', reactions: [{ key: 'like', count: Infinity }] },
      { ...seed, id: 'sur', title: 'lone \ud800 surrogate \udfff', body: ['\ud83d'] },
      cyclic,
      getter,
      { ...seed, id: 'sym', title: Symbol('x') },
      { ...seed, id: 'big', reactions: [{ key: 'like', count: 10n }] },
      { ...seed, id: 'fn', title: () => 1 },
      new Proxy({ ...seed, id: 'proxy' }, {}),
      null, undefined, 42, 'not json', '[]', [],
    ];
    return cases.map((props) => {
      const el = document.createElement('div');
      document.body.append(el);
      try { window.ArticleWidget.mount(el, props); return 'mounted'; } catch (e) { return `threw ${e}`; }
    });
  }, seedProps());
  expect(results.every((r) => r === 'mounted')).toBe(true);
  await page.waitForTimeout(200);
  // Each became an article or a named alert; the bystander still works.
  const widgets = await page.locator('body > div:not([data-article-widget]) .aw-widget').count();
  expect(widgets).toBe(results.length);
  await expect(page.locator('.aw-widget:has(h1:text("lone"))')).toHaveCount(1);
  await page.locator('#bystander').getByRole('button', { name: '좋아요 0' }).click();
  await expect(page.locator('#bystander').getByRole('button', { name: '좋아요 1' })).toBeVisible();
  expect(errors.page).toEqual([]);
});

test('10,000 paragraphs and a 5 MB payload render without freezing the page', async ({ page }) => {
  await openHost(page, '<div id="big"></div><div id="huge"></div>');
  const timing = await page.evaluate(async (seed) => {
    const measure = async (id, props, selector, expected) => {
      const t0 = performance.now();
      window.ArticleWidget.mount(document.getElementById(id), props);
      while (document.querySelectorAll(`#${id} ${selector}`).length < expected) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => requestAnimationFrame(() => r()));
      return performance.now() - t0;
    };
    const paragraphs = Array.from({ length: 10_000 }, (_, i) => `문단 ${i}: ${'가'.repeat(40)}`);
    const bigMs = await measure('big', { ...seed, id: 'big', body: paragraphs }, '.aw-body__paragraph', 10_000);
    const chunk = 'x'.repeat(10_000);
    const huge = { ...seed, id: 'huge', body: Array.from({ length: 500 }, () => chunk) };
    const text = JSON.stringify(huge);
    const hugeMs = await measure('huge', text, '.aw-body__paragraph', 500);
    return { bigMs, hugeMs, hugeBytes: text.length };
  }, seedProps());
  expect(timing.hugeBytes).toBeGreaterThan(5_000_000);
  expect(timing.bigMs).toBeLessThan(15_000);
  expect(timing.hugeMs).toBeLessThan(15_000);
  // The page still answers input afterwards.
  await page.locator('#big').getByRole('button', { name: '좋아요 0' }).click();
  await expect(page.locator('#big').getByRole('button', { name: '좋아요 1' })).toBeVisible();
  record('largeArticle', { paragraphs10k_ms: Math.round(timing.bigMs), payload5MB_ms: Math.round(timing.hugeMs), payloadBytes: timing.hugeBytes });
});

test('0 and 50 reactions, a count of 2^31 and a negative count render sensibly', async ({ page }) => {
  const fifty = Array.from({ length: 50 }, (_, i) => ({ key: `r${i}`, label: `반응${i}`, count: i }));
  await openHost(page,
    widget({ ...seedProps(), id: 'none', reactions: [] }, 'id="none"') +
    widget({ ...seedProps(), id: 'fifty', reactions: fifty }, 'id="fifty"') +
    widget({ ...seedProps(), id: 'odd', reactions: [{ key: 'like', count: 2147483648 }, { key: 'sad', count: -3 }] }, 'id="odd"'));
  await expect(page.locator('#none article')).toBeVisible();
  await expect(page.locator('#none .aw-reaction')).toHaveCount(0);
  await expect(page.locator('#fifty .aw-reaction')).toHaveCount(50);
  await expect(page.locator('#odd').getByRole('button', { name: '좋아요 2,147,483,648' })).toBeVisible();
  await expect(page.locator('#odd').getByRole('button', { name: '슬퍼요 0' })).toBeVisible();
  await page.locator('#odd').getByRole('button', { name: '좋아요 2,147,483,648' }).click();
  await expect(page.locator('#odd').getByRole('button', { name: '좋아요 2,147,483,649' })).toBeVisible();
});

test('storage that is full (quota exceeded) costs nothing but persistence', async ({ page }) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await page.goto('/');
  await page.getByRole('radio', { name: '크게', exact: true }).click();
  await expect(page.getByRole('radio', { checked: true })).toHaveText(['크게']);
  await page.getByRole('button', { name: '좋아요 0' }).click();
  await expect(page.getByRole('button', { name: '좋아요 1' })).toHaveAttribute('aria-pressed', 'true');
  errors.expectClean();
});

test('data-src answering 500 or hanging past the deadline degrades to an alert', async ({ page }) => {
  test.setTimeout(40_000);
  const errors = watchErrors(page);
  await openHost(page, '<div data-article-widget id="e500" data-src="/api/status/500"></div>' +
    '<div data-article-widget id="hang" data-src="/api/slow?ms=15000"></div>' + widget(seedProps(), 'id="ok"'));
  await expect(page.locator('#e500').getByRole('alert')).toContainText('HTTP 500');
  await expect(page.locator('#ok h1')).toBeVisible();
  await expect(page.locator('#hang').getByRole('alert')).toContainText('timeout', { timeout: 14_000 });
  expect(errors.page).toEqual([]);
});

test('a widget unmounted while its data-src is pending never renders late', async ({ page }) => {
  const errors = watchErrors(page);
  await openHost(page, '<div data-article-widget id="slow" data-src="/api/slow?ms=1500"></div>' + widget(seedProps(), 'id="ok"'));
  await page.evaluate((seed) => window.ArticleWidget.mount(document.getElementById('slow'), { ...seed, id: 'replacement', title: '대체' }), seedProps());
  await expect(page.locator('#slow h1')).toHaveText('대체');
  await page.waitForTimeout(2_000);
  await expect(page.locator('#slow h1')).toHaveText('대체');
  await expect(page.locator('#slow .aw-widget')).toHaveCount(1);
  expect(errors.page).toEqual([]);
});

test('1,000 mount/update/unmount cycles keep Wasm memory and listeners flat', async ({ page }) => {
  test.setTimeout(120_000);
  await openHost(page, '<div id="cycle"></div>');
  const cdp = await page.context().newCDPSession(page);
  const listeners = async (expression) => {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    return (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId })).listeners.length;
  };
  const snapshot = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    // The instance's exports have minified names (scripts/minify-wasm-names.mjs): the memory
    // is the one export that is a WebAssembly.Memory.
    const wasmBytes = await page.evaluate(async () => Object.values(await (await import('/article-widget.js')).default())
      .find((e) => e instanceof WebAssembly.Memory).buffer.byteLength);
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    return { wasmBytes, jsHeapBytes: usedSize, windowListeners: await listeners('window'), documentListeners: await listeners('document') };
  };
  const cycles = (n) => page.evaluate(async ({ n, seed }) => {
    const el = document.getElementById('cycle');
    for (let i = 0; i < n; i++) {
      const h = window.ArticleWidget.mount(el, { ...seed, id: `c${i % 7}` });
      await new Promise((r) => setTimeout(r));
      h.update({ ...seed, id: `c${i % 7}`, title: `update ${i}` });
      await new Promise((r) => setTimeout(r));
      h.unmount();
    }
  }, { n, seed: seedProps() });
  await cycles(50); // warm-up: allocator pools and caches reach their size
  const before = await snapshot();
  await cycles(1_000);
  const after = await snapshot();
  record('mountCycles', { cycles: 1000, before, after });
  expect(after.windowListeners).toBe(before.windowListeners);
  expect(after.documentListeners).toBe(before.documentListeners);
  expect(after.wasmBytes - before.wasmBytes).toBeLessThanOrEqual(256 * 1024);
  expect(after.jsHeapBytes - before.jsHeapBytes).toBeLessThan(2 * 1024 * 1024);
  expect(await page.locator('#cycle').evaluate((el) => el.childNodes.length)).toBe(0);
});

test('reactions over a chaotic network across 20 reloads: the server ends where the reader did, each change applied once', async ({ page, request }) => {
  test.setTimeout(120_000);
  const scope = `chaos-${Date.now()}`;
  await request.post(`/api/control/${scope}`, { data: { chaos: { seed: 20261130, fail: 0.25, drop: 0.1, dropAfter: 0.1, slowMs: 300 } } });
  const props = { ...seedProps(), id: 'chaos', reactionMode: 'multiple', reactionEndpoint: `/api/reactions/${scope}` };
  const url = await openHost(page, widget(props));
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const keys = ['like', 'angry', 'sad', 'followUp'];
  for (let load = 0; load < 20; load++) {
    const clicks = 1 + Math.floor(random() * 3);
    for (let c = 0; c < clicks; c++) {
      await page.locator(`.aw-reaction--${keys[Math.floor(random() * keys.length)]}`).click();
    }
    await page.waitForTimeout(Math.floor(random() * 600)); // sometimes before the send, sometimes after
    await page.goto(url);
    await expect(page.locator('.aw-reaction').first()).toBeVisible();
  }
  const reader = Object.fromEntries(await Promise.all(keys.map(async (k) =>
    [k, (await page.locator(`.aw-reaction--${k}`).getAttribute('aria-pressed')) === 'true'])));
  // Delivered when no tab's queue (nor the sender's ledger) is left in storage.
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith('article-widget:v1:outbox:') || k === 'article-widget:v1:delivery').length), { timeout: 60_000 }).toBe(0);
  const log = await (await request.get(`/api/log/${scope}`)).json();
  const server = Object.fromEntries(keys.map((k) => [k, log.state[`chaos/${k}`] === true]));
  expect(server).toEqual(reader);
  // Applied once each (retries of a change already applied were acknowledged, not re-applied).
  // Order shows in the state above: each reaction ends as the reader's last change left it
  // (keys are random UUIDs, so they no longer carry the change's time).
  const ids = log.deliveries.map((d) => d.idempotencyKey);
  expect(new Set(ids).size).toBe(ids.length);
  record('chaosReactions', { reloads: 20, attempts: log.attempts, applied: log.deliveries.length, duplicatesAcknowledged: log.duplicates, finalState: reader });
});

// Defect 11: what a Rust panic does to the page. A panic stops the one Wasm instance that every
// widget shares, so every widget must say so in its place (embed.js's alert, as when the Wasm
// cannot load) and dispatch its `articlewidget:error`, even one whose update the panic cut short.
//
// The panic comes from a test build: `trunk build --release --features panic-probe --dist
// target/dist-probe` (scripts/test runs it) adds a `__panicProbe()` export to the glue, which
// embed.js does not expose; the page imports the glue itself (the same module instance).
// That build is served by a static server of this file's own, on its own port.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CSP, seedProps, widget, recordEvents, events } from './helpers.mjs';

const PORT = 4174;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const PROBE_DIST = new URL('../../target/dist-probe/', import.meta.url);
const STOPPED_TEXT = '기사 위젯에 오류가 발생했습니다. (The article widget stopped after an error.)';

let server;

test.beforeAll(async () => {
  if (!existsSync(new URL('article-widget.js', PROBE_DIST))) {
    throw new Error('no target/dist-probe: run `trunk build --release --features panic-probe --dist target/dist-probe`');
  }
  const script = fileURLToPath(new URL('static-server.mjs', import.meta.url));
  server = spawn(process.execPath, [script, fileURLToPath(PROBE_DIST), String(PORT)], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.once('exit', (code) => reject(new Error(`the probe build's static server exited (${code})`)));
    server.stdout.once('data', resolve); // "serving … on …": listening
  });
});

test.afterAll(() => {
  server?.kill();
});

test('defect 11: a panic shows the alert and an error event in every widget, one of them mid-update, and nothing else escapes', async ({ page }) => {
  const pageErrors = [];
  const consoleErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await recordEvents(page);
  const body = widget(seedProps(), 'id="article"') +
    widget({ kind: 'topNews', items: [{ title: '첫 기사', url: '/news/1' }] }, 'id="box"') +
    // Mounted through the API, without the data-article-widget attribute.
    '<div id="spa-a"></div><div id="spa-b"></div>';
  await page.route(`${ORIGIN}/panic-host.html`, (route) => route.fulfill({
    contentType: 'text/html',
    headers: { 'content-security-policy': CSP },
    body: `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>panic</title></head><body>${body}<script type="module" src="/embed.js"></script></body></html>`,
  }));
  await page.goto(`${ORIGIN}/panic-host.html`);
  await page.waitForFunction(() => window.ArticleWidget);
  await page.evaluate((props) => {
    window.__props = props;
    window.__a = window.ArticleWidget.mount(document.getElementById('spa-a'), { ...props, id: 'a' });
    window.__b = window.ArticleWidget.mount(document.getElementById('spa-b'), { ...props, id: 'b' });
  }, seedProps());
  const ids = ['article', 'box', 'spa-a', 'spa-b'];
  for (const id of ids) await expect(page.locator(`#${id} .aw-widget`)).toBeVisible();
  await expect(page.locator('[role=alert]')).toHaveCount(0);

  // One task: spa-a gets new props (its render still pending), then spa-b's update panics
  // halfway: validating its props warns about the unknown textSize, and the probe runs inside
  // that warning, while spa-b's widget is out of the registry being updated.
  const armed = await page.evaluate(async () => {
    const glue = await import('/article-widget.js');
    if (typeof glue.__panicProbe !== 'function') return 'no __panicProbe in this build';
    const warn = console.warn;
    console.warn = (...args) => {
      if (!String(args[0]).includes('textSize')) return warn.apply(console, args);
      console.warn = warn;
      return glue.__panicProbe();
    };
    setTimeout(() => {
      window.__a.update({ ...window.__props, id: 'a', title: '업데이트 중' });
      window.__b.update({ ...window.__props, id: 'b', textSize: 'huge' });
    });
    return 'armed';
  });
  expect(armed).toBe('armed');

  for (const id of ids) await expect(page.locator(`#${id}`).getByRole('alert')).toHaveText(STOPPED_TEXT);
  await page.waitForTimeout(500); // pending renders and timers have had their turn
  for (const id of ids) {
    await expect(page.locator(`#${id} > *`), id).toHaveCount(1);
    await expect(page.locator(`#${id} > .aw-root > .aw-widget.aw-widget--error[role=alert]`), id).toHaveText(STOPPED_TEXT);
  }
  // One error event per widget, from that widget's element.
  const errs = (await events(page)).filter((e) => e.type === 'articlewidget:error');
  expect(errs.map((e) => e.target).sort()).toEqual(ids);
  for (const e of errs) {
    expect(e.bubbles && e.composed).toBe(true);
    expect(e.detail.articleId).toBeNull();
    expect(e.detail.message).toContain('panic probe');
  }
  // What escapes: the panic's one console error, and the trap it ends in, thrown out of
  // spa-b's update() into the host's task as an uncaught RuntimeError. Nothing more.
  expect(consoleErrors).toHaveLength(1);
  expect(consoleErrors[0]).toMatch(/^\[article-widget\] internal error, widgets stopped: panicked at .*panic probe/s);
  expect(pageErrors).toEqual([expect.stringMatching(/^RuntimeError: unreachable/)]);

  // A later panic in the dead instance is logged, and changes nothing on the page.
  const thrown = await page.evaluate(async () => {
    const glue = await import('/article-widget.js');
    try { glue.__panicProbe(); return null; } catch (e) { return String(e); }
  });
  expect(thrown).toMatch(/^RuntimeError: unreachable/);
  expect(consoleErrors).toHaveLength(2);
  expect((await events(page)).filter((e) => e.type === 'articlewidget:error')).toHaveLength(ids.length);
  for (const id of ids) await expect(page.locator(`#${id}`).getByRole('alert')).toHaveText(STOPPED_TEXT);
});

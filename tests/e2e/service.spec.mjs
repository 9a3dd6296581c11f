// The widget against the real reactions service (`article-widget serve`, SQLite), not the mock:
// the host page and the widget's files come from the service's own origin, so its reader cookie
// is first-party, as the README asks of a site. Each page load puts the store's counts into the
// props, as a host that renders them would (GET /api/reactions/{articleId}).
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CSP, seedProps } from './helpers.mjs';

// The widget's retries back off: a change made while the service is down arrives seconds later.
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const BINARY = 'target/release/article-widget';
let dir;
let port;
let service;

const base = () => `http://127.0.0.1:${port}`;

const freePort = () => new Promise((ok, fail) => {
  const server = createServer();
  server.once('error', fail);
  server.listen(0, '127.0.0.1', () => {
    const { port: free } = server.address();
    server.close(() => ok(free));
  });
});

/** Starts the service on `port` over the run's SQLite file; resolves once /healthz answers. */
async function start() {
  service = spawn(BINARY, ['serve', '--listen', `127.0.0.1:${port}`, '--dist', 'dist',
    '--database', `sqlite://${join(dir, 'reactions.db')}`, '--rate-limit', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  service.stderr.on('data', () => {}); // drained, so the service never blocks on its log
  for (let i = 0; i < 200; i += 1) {
    try {
      if ((await fetch(`${base()}/healthz`)).ok) return;
    } catch { /* not yet listening */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the reactions service did not start');
}

/** SIGKILL: no chance to finish anything, as a crash or a power cut. */
async function kill() {
  const exited = new Promise((ok) => service.once('exit', ok));
  service.kill('SIGKILL');
  await exited;
}

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aw-service-'));
  port = await freePort();
  await start();
});

test.afterAll(async () => {
  if (service && service.exitCode === null) await kill();
  rmSync(dir, { recursive: true, force: true });
});

const counts = async (id) => (await (await fetch(`${base()}/api/reactions/${id}`)).json()).counts;

/**
 * Opens the article `id` on the service's origin; its props carry the store's counts now and
 * the service's endpoint (relative: same origin, so the cookie goes along).
 */
async function openArticle(page, id) {
  const path = `/articles/${id}.html`;
  await page.route(`${base()}${path}`, async (route) => {
    const stored = await counts(id);
    const props = {
      ...seedProps(),
      id,
      reactionEndpoint: '/api/reactions',
      reactions: ['like', 'angry', 'sad', 'followUp'].map((key) => ({ key, count: stored[key] ?? 0 })),
    };
    const json = JSON.stringify(props).replace(/</g, '\\u003c');
    const body = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><title>${id}</title></head><body>`
      + `<div data-article-widget><script type="application/json">${json}</script></div>`
      + '<script type="module" src="/widget/embed.js"></script></body></html>';
    await route.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': CSP }, body });
  });
  await page.goto(`${base()}${path}`);
  await page.locator('[data-article-widget] .aw-widget').waitFor();
}

const button = (page, name) => page.getByRole('button', { name, exact: true });

/** What the reader holds: the keys of the pressed buttons. */
const held = (page) => page.getByRole('button', { pressed: true }).evaluateAll((buttons) =>
  buttons.map((b) => b.textContent));

test('react, reload: the count persists in the store, for this reader and a new one', async ({ browser }) => {
  const id = `svc-persist-${Date.now()}`;
  const reader = await browser.newContext();
  const page = await reader.newPage();
  await openArticle(page, id);
  await button(page, '좋아요 0').click();
  await expect(button(page, '좋아요 1')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => counts(id)).toEqual({ like: 1 });
  // The cookie the service set: first-party, HttpOnly, Lax.
  const [cookie] = (await reader.cookies()).filter((c) => c.name === 'aw_reader');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });

  await page.reload();
  await page.locator('[data-article-widget] .aw-widget').waitFor();
  await expect(button(page, '좋아요 1')).toHaveAttribute('aria-pressed', 'true');

  // Another reader (no storage, no cookie) sees the stored total, even after a restart.
  await kill();
  await start();
  const other = await (await browser.newContext()).newPage();
  await openArticle(other, id);
  await expect(button(other, '좋아요 1')).toHaveAttribute('aria-pressed', 'false');
  // Their reaction adds to it; the first reader's taking back removes only theirs.
  await button(other, '좋아요 1').click();
  await expect.poll(() => counts(id)).toEqual({ like: 2 });
  await button(page, '좋아요 1').click(); // shown 1: the other's like is not in this page's props
  await expect.poll(() => counts(id)).toEqual({ like: 1 });
});

test('the service killed and restarted while readers toggle: totals equal what readers hold', async ({ browser }) => {
  const id = `svc-crash-${Date.now()}`;
  const pages = [];
  for (let i = 0; i < 3; i += 1) {
    const page = await (await browser.newContext()).newPage();
    await openArticle(page, id);
    pages.push(page);
  }
  const [a, b, c] = pages;
  await button(a, '좋아요 0').click();
  await button(b, '좋아요 0').click();
  await expect.poll(() => counts(id)).toEqual({ like: 2 });

  await kill();
  // Down: single-choice moves (like off, angry on), a new reaction and a taken-back one.
  await button(a, '화나요 0').click();
  await button(c, '슬퍼요 0').click();
  await button(b, /^좋아요/).click();
  await button(b, /^슬퍼요/).click();
  await button(b, /^화나요/).click();
  await a.waitForTimeout(1_000); // the readers' first sends fail against the dead port
  await start();
  // The outboxes retry with the same keys; the store ends where the readers are.
  const expected = { like: 0, angry: 2, sad: 1 };
  await expect.poll(() => counts(id), { timeout: 60_000, intervals: [500] }).toEqual(expected);

  // Every reader's pressed buttons, summed, are the store's totals.
  const totals = {};
  for (const page of pages) {
    for (const label of await held(page)) {
      const key = { 좋아요: 'like', 화나요: 'angry', 슬퍼요: 'sad' }[label.split(' ')[0]];
      totals[key] = (totals[key] ?? 0) + 1;
    }
  }
  expect(totals).toEqual({ angry: 2, sad: 1 });
  // A fresh page shows the store's totals.
  const fresh = await (await browser.newContext()).newPage();
  await openArticle(fresh, id);
  await expect(button(fresh, '화나요 2')).toBeVisible();
  await expect(button(fresh, '슬퍼요 1')).toBeVisible();
});

test('the live example, served by the service itself: react, restart, a new reader sees the stored count', async ({ browser }) => {
  const url = `${base()}/widget/examples/live.html`;
  const open = async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    await page.locator('#live-article .aw-widget').waitFor();
    return page;
  };
  const page = await open();
  await button(page, '좋아요 0').click();
  await expect.poll(() => counts('live-demo-zuckerberg')).toEqual({ like: 1 });
  await kill();
  await start();
  const other = await open();
  await expect(button(other, '좋아요 1')).toHaveAttribute('aria-pressed', 'false');
  await page.reload();
  await expect(button(page, '좋아요 1')).toHaveAttribute('aria-pressed', 'true');
});

// Server rendering (contract §7): the mount element that `article-widget render` writes, pasted
// into a page. Without script it is the whole article, styled, in the place and size the running
// widget gives it; injection vectors stay inert with and without embed.js; bad props fail the
// command. Needs target/release/article-widget (scripts/test builds it before these tests).
import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { CLI, openServerPage, serverRender, seedProps, widget, watchErrors, hostileProps, inspectInjection } from './helpers.mjs';

test.beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: cargo build --release --bin article-widget`);
});

const openPage = openServerPage;
const { vectors } = JSON.parse(readFileSync(new URL('../xss-vectors.json', import.meta.url), 'utf8'));
const REACTIONS = ['좋아요 0', '화나요 0', '슬퍼요 0', '추가취재 원해요 0'];

/** Where the parts of the article stand, rounded to the pixel. */
async function boxes(page) {
  const out = {};
  for (const part of ['.aw-article__title', '.aw-article__times', '.aw-text-size', '.aw-figure', '.aw-body', '.aw-reactions', '.aw-related']) {
    const box = await page.locator(part).boundingBox();
    out[part] = box && Object.fromEntries(Object.entries(box).map(([k, v]) => [k, Math.round(v)]));
  }
  return out;
}

test('without script, the server-rendered seed article is all there, visible, styled, and placed as the widget places it', async ({ browser }) => {
  const props = seedProps();
  const fragment = serverRender(props);
  expect(fragment).toMatch(/^<link rel="stylesheet" href="\/article-widget\.css">/);
  const viewport = { width: 1280, height: 900 };
  const context = await browser.newContext({ javaScriptEnabled: false, viewport });
  const page = await context.newPage();
  await openPage(page, fragment);

  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(props.title);
  await expect(article.getByRole('heading', { level: 1 })).toBeVisible();
  const published = article.locator('.aw-article__time--published');
  await expect(published).toHaveText('입력 2024-02-28 16:04');
  await expect(published).toBeVisible();
  await expect(published.locator('time')).toHaveAttribute('datetime', props.publishedAt);

  const figure = article.getByRole('figure');
  await expect(figure.getByRole('img', { name: props.image.alt })).toBeVisible();
  await expect(figure.locator('figcaption')).toContainText(props.image.caption);
  await expect(figure.locator('figcaption')).toContainText(`(${props.image.credit})`);
  await expect(figure.locator('figcaption')).toBeVisible();

  const paragraphs = article.locator('.aw-body__paragraph');
  await expect(paragraphs).toHaveText(props.body);
  for (let i = 0; i < props.body.length; i++) await expect(paragraphs.nth(i)).toBeVisible();

  const related = page.locator('.aw-related');
  await expect(related.getByRole('heading', { name: '주요 뉴스' })).toBeVisible();
  await expect(related.getByRole('link')).toHaveText(props.related.map((r) => r.title));
  await expect(related.getByRole('listitem').last()).toBeVisible();

  const sizes = page.getByRole('radiogroup', { name: '글자 크기' });
  await expect(sizes.getByRole('radio')).toHaveText(['가장작게', '작게', '기본', '크게', '가장크게']);
  for (let i = 0; i < 5; i++) await expect(sizes.getByRole('radio').nth(i)).toBeVisible();
  await expect(sizes.getByRole('radio', { name: '기본', checked: true })).toBeVisible();
  for (const name of REACTIONS) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();

  // Styled by the widget's stylesheet (from the fragment's own link): only it sets these.
  await expect(page.locator('.aw-widget')).toHaveCSS('max-width', '720px');
  await expect(page.locator('.aw-reaction').first()).toHaveCSS('border-radius', '999px');
  await expect(page.locator('[data-article-widget] > script[type="application/json"]')).toHaveCount(1);
  const serverBoxes = await boxes(page);
  await context.close();

  // The same props rendered by the widget in the browser stand in the same place, same size.
  const client = await browser.newPage({ viewport });
  await openPage(client, widget(props), { script: true });
  await expect(client.locator('.aw-widget')).toBeVisible();
  await expect(client.getByRole('button', { name: REACTIONS[0] })).toBeVisible();
  expect(await boxes(client)).toEqual(serverBoxes);
  await client.close();
});

test('if the widget cannot start (no Wasm), the server-rendered article stays readable: controls disabled, an alert says why', async ({ page }) => {
  await page.route('**/article-widget_bg.wasm', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await openPage(page, serverRender(seedProps()), { script: true });
  await expect(page.getByRole('alert')).toContainText('could not be loaded');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(seedProps().title);
  await expect(page.locator('.aw-body__paragraph')).toHaveCount(seedProps().body.length);
  await expect(page.locator('figure figcaption')).toBeVisible();
  for (const name of REACTIONS) await expect(page.getByRole('button', { name })).toBeDisabled();
  await expect(page.getByRole('radio')).toHaveCount(5);
  for (const radio of await page.getByRole('radio').all()) await expect(radio).toBeDisabled();
});

test('with embed.js, the page links the widget stylesheet once', async ({ page }) => {
  const errors = watchErrors(page);
  await openPage(page, serverRender(seedProps()), { script: true });
  await page.waitForFunction(() => window.ArticleWidget);
  await expect(page.getByRole('button', { name: REACTIONS[0] })).toBeVisible();
  await expect(page.locator('link[rel="stylesheet"]')).toHaveCount(1);
  await page.getByRole('button', { name: REACTIONS[0] }).click();
  await expect(page.getByRole('button', { name: '좋아요 1' })).toHaveAttribute('aria-pressed', 'true');
  errors.expectClean();
});

test("the host's CSS wins over the widget's wherever the link stands, and bare element rules do not reach in", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  // The host's stylesheet comes first in <head>; the fragment's widget stylesheet link comes later.
  await page.route('**/host-late.css', (r) => r.fulfill({
    contentType: 'text/css',
    body: '.aw-article__title { color: rgb(200, 0, 80) } p { font-size: 12px; color: rgb(0, 128, 0) } button { background: rgb(0, 0, 0) }',
  }));
  await openPage(page, '<link rel="stylesheet" href="/host-late.css">' + serverRender(seedProps()));
  await expect(page.locator('.aw-article__title')).toHaveCSS('color', 'rgb(200, 0, 80)');
  // Bare `p` and `button` rules lose to the widget: the text-size scale and the buttons stay.
  await expect(page.locator('.aw-body__paragraph').first()).toHaveCSS('font-size', '17px');
  await expect(page.locator('.aw-body__paragraph').first()).not.toHaveCSS('color', 'rgb(0, 128, 0)');
  await expect(page.locator('.aw-reaction').first()).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await context.close();
});


const inspect = inspectInjection;

test(`${vectors.length} injection vectors through the server renderer stay inert, with and without embed.js`, async ({ browser }) => {
  const fragments = vectors.map((v, i) => serverRender(hostileProps(v, i), i === 0 ? '/' : null)).join('');
  const clean = { pwned: 0, badTags: [], onAttrs: [], badUrls: [], scripts: [] };

  const noScript = await browser.newContext({ javaScriptEnabled: false });
  const page = await noScript.newPage();
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await openPage(page, fragments);
  await expect(page.locator('article')).toHaveCount(vectors.length);
  await expect(page.locator('[data-article-widget] > script[type="application/json"]')).toHaveCount(vectors.length);
  expect(await inspect(page)).toEqual(clean);
  expect(dialogs).toEqual([]);
  await noScript.close();

  const live = await browser.newPage();
  const errors = watchErrors(live);
  const liveDialogs = [];
  live.on('dialog', (d) => { liveDialogs.push(d.message()); d.dismiss(); });
  await live.addInitScript(() => { window.__pwned = 0; });
  await openPage(live, fragments, { script: true });
  await live.waitForFunction(() => window.ArticleWidget);
  await expect(live.locator('article')).toHaveCount(vectors.length);
  await live.locator('.aw-reaction').first().hover();
  await live.waitForTimeout(500); // let any onerror / onload that slipped through fire
  expect(await inspect(live)).toEqual(clean);
  expect(liveDialogs).toEqual([]);
  expect(live.url()).toContain('/server-rendered-');
  expect(errors.page).toEqual([]);
  expect(errors.csp).toEqual([]);
  await live.close();
});

test('bad props through the command: exit status 2, nothing on stdout, the field named on stderr', () => {
  const run = (input) => spawnSync(CLI, ['render'], { input, encoding: 'utf8' });
  const { body, ...noBody } = seedProps();
  const missing = run(JSON.stringify(noBody));
  expect([missing.status, missing.stdout]).toEqual([2, '']);
  expect(missing.stderr).toContain('props error: body: required field `body` is missing');
  const wrong = run(JSON.stringify({ ...seedProps(), title: 42 }));
  expect([wrong.status, wrong.stdout]).toEqual([2, '']);
  expect(wrong.stderr).toContain('`title` must be a string, found a number');
  const ok = run(JSON.stringify(seedProps()));
  expect(ok.status).toBe(0);
  expect(ok.stdout).toMatch(/^<div data-article-widget data-aw-rendered="[^"]+" data-aw-digest="[0-9a-f]{16}"><div class="aw-root">/);
});

// Embedding on real pages: embed.js from a non-root path under the contract's CSP, the three
// props sources, the JS API, themes, lazy mounting, and clean unmounts.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openHost, seedProps, widget, recordEvents, events, watchErrors } from './helpers.mjs';

const BASE = '/cdn/article-widget/v1';
const crateVersion = readFileSync(new URL('../../Cargo.toml', import.meta.url), 'utf8').match(/^version = "(.+)"/m)[1];

test('the news-page example works from a sub-path: three props sources, one Wasm fetch, no CSP violation', async ({ page }) => {
  const errors = watchErrors(page);
  const wasmRequests = [];
  page.on('request', (r) => r.url().endsWith('.wasm') && wasmRequests.push(r.url()));
  const response = await page.goto(`${BASE}/examples/news-page.html`);
  expect(response.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");

  await expect(page.locator('#main-article').getByRole('heading', { level: 1 })).toHaveText('尹, 저커버그 만난다…AI 등 미래산업 협력 모색');
  await expect(page.locator('#second-article').getByRole('heading', { level: 1 })).toHaveText('LG전자·메타, XR 신사업 맞손…이르면 내년 합작품');
  await expect(page.locator('#second-article blockquote')).toHaveText('XR 관련 합작품은 이르면 내년에는 나올 것으로 보인다.');
  await page.locator('#third-article').scrollIntoViewIfNeeded();
  await expect(page.locator('#third-article').getByRole('heading', { level: 1 })).toHaveText("Zuckerberg to meet Samsung's Lee Jae-yong on AI chips");
  await expect(page.locator('#main-article figure img')).toHaveJSProperty('naturalWidth', 1200);

  expect(wasmRequests).toEqual([`http://127.0.0.1:4173${BASE}/article-widget_bg.wasm`]);
  // The widget's stylesheet is the first in <head>, so the host's own CSS wins.
  expect(await page.evaluate(() => document.head.querySelector('link[rel=stylesheet]').getAttribute('data-article-widget-css'))).toBe('');
  errors.expectClean();
});

test('articlewidget:ready fires once the API exists, with the crate version and the API', async ({ page }) => {
  await page.addInitScript(() => {
    window.__ready = [];
    document.addEventListener('articlewidget:ready', (e) => window.__ready.push({
      keys: Object.keys(e.detail), version: e.detail.version, api: typeof window.ArticleWidget?.mount,
      detailApiIsWindows: e.detail.api === window.ArticleWidget,
    }));
  });
  await page.goto(`${BASE}/index.html`);
  await page.waitForFunction(() => window.__ready.length > 0);
  expect(await page.evaluate(() => window.__ready)).toEqual([{ keys: ['version', 'api'], version: crateVersion, api: 'function', detailApiIsWindows: true }]);
  expect(await page.evaluate(() => window.ArticleWidget.version)).toBe(crateVersion);
});

test('embed.js marked async runs mid-parse, yet mounts every widget of the page, once the page is parsed', async ({ page }) => {
  const errors = watchErrors(page);
  // A parser-blocking script between the two widgets holds the parse for a while: the async
  // module arrives and runs meanwhile, when only the first widget exists.
  await page.route('**/slow.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.fulfill({ contentType: 'text/javascript', body: 'window.__slowDoneAt = performance.now();' });
  });
  const first = { ...seedProps(), id: 'before', title: '첫 기사' };
  const second = { ...seedProps(), id: 'after', title: '둘째 기사' };
  await openHost(page, `${widget(first)}<script src="/slow.js"></script>${widget(second)}`, {
    head: '<script type="module" async src="/embed.js"></script>',
  });
  await expect(page.getByRole('heading', { level: 1, name: '첫 기사' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: '둘째 기사' })).toBeVisible();
  await expect(page.locator('[data-article-widget] .aw-widget')).toHaveCount(2);
  // The loader did start before the parse ended: it asked for the glue before slow.js came.
  const timing = await page.evaluate(() => ({
    glue: performance.getEntriesByType('resource').find((r) => r.name.endsWith('/article-widget.js'))?.startTime,
    slow: window.__slowDoneAt,
  }));
  expect(timing.glue).toBeLessThan(timing.slow);
  await page.getByRole('button', { name: /^좋아요/ }).nth(1).click();
  await expect(page.getByRole('button', { name: /^좋아요/ }).nth(1)).toHaveAttribute('aria-pressed', 'true');
  errors.expectClean();
  expect(await page.locator('link[data-article-widget-css]').count()).toBe(1);
});

test('SPA example: mount, update and unmount through the API leave nothing behind', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${BASE}/examples/spa.html`);
  await page.waitForFunction(() => window.ArticleWidget);
  await page.getByRole('button', { name: 'mount', exact: true }).click();
  const widgetEl = page.locator('#spa-widget');
  await expect(widgetEl.getByRole('heading', { level: 1 })).toHaveText('첫 번째 기사: 저커버그, 한국 방문');
  await widgetEl.getByRole('button', { name: '좋아요 0' }).click();

  await page.getByRole('button', { name: 'update (next article)' }).click();
  await expect(widgetEl.getByRole('heading', { level: 1 })).toHaveText('Second article: XR partnership');
  await expect(widgetEl.getByRole('radiogroup', { name: 'Text size' })).toBeVisible();
  await expect(widgetEl.getByRole('button', { name: 'Like 3' })).toHaveAttribute('aria-pressed', 'false');

  // Listeners on the mount element and on the widget's container, via the DevTools protocol.
  const cdp = await page.context().newCDPSession(page);
  const listenerCount = async (expression) => {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    return listeners.length;
  };
  await page.evaluate(() => {
    window.__spaEl = document.getElementById('spa-widget');
    window.__spaRoot = window.__spaEl.querySelector('.aw-root');
  });
  expect(await listenerCount('window.__spaRoot')).toBeGreaterThan(0);
  const windowListeners = await listenerCount('window');

  await page.getByRole('button', { name: 'unmount' }).click();
  await expect(page.locator('#spa-status')).toHaveText('unmounted');
  expect(await page.evaluate(() => [window.__spaEl.childNodes.length, window.__spaRoot.isConnected])).toEqual([0, false]);
  expect(await listenerCount('window.__spaEl')).toBe(0);
  expect(await listenerCount('window')).toBeLessThanOrEqual(windowListeners);

  // Mounting again works, and the reader's reaction to the first article was kept.
  await page.getByRole('button', { name: 'mount', exact: true }).click();
  await expect(page.locator('#spa-widget').getByRole('heading', { level: 1 })).toHaveText('Second article: XR partnership');
  errors.expectClean();
});

test('the API validates its arguments and replaces a widget mounted twice', async ({ page }) => {
  await openHost(page, '<div id="a"></div>' + widget(seedProps(), 'id="auto"'));
  await page.waitForFunction(() => window.ArticleWidget);
  const thrown = await page.evaluate(() => { try { window.ArticleWidget.mount('not an element', {}); return null; } catch (e) { return String(e.message); } });
  expect(thrown).toContain('must be an Element');
  await page.evaluate((props) => {
    const el = document.getElementById('a');
    window.ArticleWidget.mount(el, props);
    window.__h = window.ArticleWidget.mount(el, JSON.stringify({ ...props, title: '두 번째' }));
  }, seedProps());
  await expect(page.locator('#a .aw-widget')).toHaveCount(1);
  await expect(page.locator('#a h1')).toHaveText('두 번째');
  await page.evaluate(() => { window.__h.unmount(); window.__h.unmount(); window.__h.update({}); });
  await expect(page.locator('#a')).toBeEmpty();
  // Unmount and mount again in the same task: exactly one widget.
  await page.evaluate((props) => {
    const el = document.getElementById('a');
    const h = window.ArticleWidget.mount(el, props);
    h.unmount();
    window.ArticleWidget.mount(el, { ...props, title: '세 번째' });
  }, seedProps());
  await expect(page.locator('#a .aw-widget')).toHaveCount(1);
  await expect(page.locator('#a h1')).toHaveText('세 번째');
  await expect(page.locator('#auto h1')).toBeVisible();
});

test('themes: data-theme at mount, followed when changed, and setTheme for every widget', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await openHost(page, widget({ ...seedProps(), id: 'd' }, 'id="d" data-theme="dark"') + widget({ ...seedProps(), id: 'l' }, 'id="l"'));
  const bg = (id) => page.locator(`#${id} .aw-widget`).evaluate((el) => getComputedStyle(el).backgroundColor);
  const DARK = 'rgb(22, 24, 28)';
  const LIGHT = 'rgb(255, 255, 255)';
  expect([await bg('d'), await bg('l')]).toEqual([DARK, LIGHT]);
  await page.evaluate(() => document.getElementById('d').setAttribute('data-theme', 'light'));
  expect(await bg('d')).toBe(LIGHT);
  expect(await page.evaluate(() => window.ArticleWidget.setTheme('dark'))).toBe(true);
  expect([await bg('d'), await bg('l')]).toEqual([DARK, DARK]);
  expect(await page.evaluate(() => window.ArticleWidget.setTheme('neon'))).toBe(false);
  await page.evaluate(() => window.ArticleWidget.setTheme('auto'));
  expect(await bg('l')).toBe(LIGHT);
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await bg('l')).toBe(DARK);
  // A widget mounted after setTheme gets the page theme too.
  await page.evaluate((props) => {
    const el = document.createElement('div');
    el.id = 'late';
    document.body.append(el);
    window.ArticleWidget.setTheme('light');
    window.ArticleWidget.mount(el, { ...props, id: 'late' });
  }, seedProps());
  await expect(page.locator('#late')).toHaveAttribute('data-theme', 'light');
});

test('data-loading="lazy" waits until the widget nears the viewport', async ({ page }) => {
  await page.route('**/spacer.css', (r) => r.fulfill({ contentType: 'text/css', body: '.spacer { height: 4000px }' }));
  await openHost(page, widget({ ...seedProps(), id: 'eager' }, 'id="eager"') + '<div class="spacer"></div>' + widget({ ...seedProps(), id: 'lazy' }, 'id="lazy" data-loading="lazy"'), {
    head: '<link rel="stylesheet" href="/spacer.css">',
  });
  await expect(page.locator('#eager .aw-article')).toBeVisible();
  await page.waitForTimeout(300); // give a wrongly eager mount the chance to show itself
  await expect(page.locator('#lazy .aw-widget')).toHaveCount(0);
  await page.locator('#lazy').scrollIntoViewIfNeeded();
  await expect(page.locator('#lazy .aw-article')).toBeVisible();
});

test('data-src failures render an alert and an error event in that widget only', async ({ page }) => {
  await recordEvents(page);
  await openHost(page, '<div data-article-widget id="missing" data-src="/api/status/404"></div>' +
    '<div data-article-widget id="notjson" data-src="/index.html"></div>' + widget(seedProps(), 'id="ok"'));
  await expect(page.locator('#missing').getByRole('alert')).toContainText('HTTP 404');
  await expect(page.locator('#notjson').getByRole('alert')).toContainText('data-src');
  await expect(page.locator('#ok h1')).toBeVisible();
  const errs = (await events(page)).filter((e) => e.type === 'articlewidget:error');
  expect(errs.map((e) => e.target).sort()).toEqual(['missing', 'notjson']);
  expect(errs.every((e) => e.bubbles && e.composed && e.detail.articleId === null)).toBe(true);
});

test('without the Wasm the placeholder says so, not a blank box', async ({ page }) => {
  await page.route('**/article-widget_bg.wasm', (r) => r.fulfill({ status: 404, body: 'gone' }));
  await page.goto('/');
  await expect(page.locator('[data-article-widget]').getByRole('alert')).toContainText('기사 위젯을 불러오지 못했습니다');
});

test('theming example: the host brand comes only from custom properties, and dark mode toggles at run time', async ({ page }) => {
  const errors = watchErrors(page);
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto(`${BASE}/examples/theming.html`);
  const widgetEl = page.locator('#themed');
  await expect(widgetEl.getByRole('heading', { level: 1 })).toBeVisible();
  const style = (sel, prop) => widgetEl.locator(sel).first().evaluate((el, p) => getComputedStyle(el)[p], prop);
  expect(await style('.aw-text-size__option--checked', 'backgroundColor')).toBe('rgb(200, 16, 46)');
  expect(await style('.aw-body', 'fontFamily')).toContain('Georgia');
  expect(await style('.aw-widget', 'paddingLeft')).toBe('36px'); // 1.5 × --aw-space (1.5rem) on a wide screen
  await page.getByRole('button', { name: 'dark', exact: true }).click();
  expect(await style('.aw-widget', 'backgroundColor')).toBe('rgb(22, 24, 28)');
  expect(await style('.aw-text-size__option--checked', 'backgroundColor')).toBe('rgb(255, 138, 154)');
  await page.getByRole('button', { name: 'light', exact: true }).click();
  expect(await style('.aw-widget', 'backgroundColor')).toBe('rgb(255, 255, 255)');
  errors.expectClean();
});

// Defect 6: a page's own top-level `var ArticleWidget` or `function ArticleWidget` makes a
// window property no script can redefine; embed.js used to throw there, before mounting.
const TAKEN_WARNING = "[article-widget] window.ArticleWidget is taken by the page; the API is on the articlewidget:ready event's detail.api";
for (const [kind, declaration] of [
  ['var', "var ArticleWidget = 'the page\\'s';"],
  ['function', "function ArticleWidget() { return 'the page\\'s'; }"],
]) {
  test(`defect 6: a page's top-level \`${kind} ArticleWidget\` stays, the widgets mount, one warning, the API on the ready event`, async ({ page }) => {
    const errors = watchErrors(page);
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && m.text().includes('ArticleWidget') && warnings.push(m.text()));
    await page.addInitScript(() => {
      window.__ready = [];
      document.addEventListener('articlewidget:ready', (e) => window.__ready.push(e.detail));
    });
    await openHost(page, widget(seedProps(), 'id="auto"') + '<div id="spa"></div>', {
      hostScript: declaration,
      ready: () => window.__ready.length > 0,
    });
    await expect(page.locator('#auto h1')).toHaveText(seedProps().title);
    // The page's value is untouched, under both of its names.
    expect(await page.evaluate(() => {
      const value = (v) => (typeof v === 'function' ? `${typeof v}:${v()}` : `${typeof v}:${v}`);
      return [value(window.ArticleWidget), value(ArticleWidget)];
    })).toEqual(Array(2).fill(kind === 'var' ? "string:the page's" : "function:the page's"));
    // The ready event fired once and carries a working API.
    expect(await page.evaluate(() => window.__ready.map((d) => [Object.keys(d), d.version, Object.keys(d.api).sort(), Object.isFrozen(d.api)])))
      .toEqual([[['version', 'api'], crateVersion, ['mount', 'setTheme', 'version'], true]]);
    await page.evaluate((props) => {
      window.__h = window.__ready[0].api.mount(document.getElementById('spa'), { ...props, title: 'detail.api로 마운트' });
    }, seedProps());
    await expect(page.locator('#spa h1')).toHaveText('detail.api로 마운트');
    await page.evaluate(() => window.__h.unmount());
    await expect(page.locator('#spa')).toBeEmpty();
    expect(warnings).toEqual([TAKEN_WARNING]);
    errors.expectClean();
  });
}

test('defect 11: the release build has no panic probe', async ({ page }) => {
  await openHost(page, widget(seedProps()));
  const found = await page.evaluate(async () => {
    const glue = await import('/article-widget.js');
    const wasm = await WebAssembly.compileStreaming(fetch('/article-widget_bg.wasm'));
    return {
      glue: Object.keys(glue).filter((k) => /panic/i.test(k)),
      wasm: WebAssembly.Module.exports(wasm).map((e) => e.name).filter((n) => /panic/i.test(n)),
      mount: typeof glue.mount,
    };
  });
  expect(found).toEqual({ glue: [], wasm: [], mount: 'function' });
});

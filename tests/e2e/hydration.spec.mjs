// Hydration in place (contract §7): embed.js over server-rendered markup keeps the server's
// nodes, brings the controls to life without moving anything, and falls back to what the props
// render whenever the markup is not what they render (another version, a hand edit, a missing
// paragraph, other props). Needs target/release/article-widget (scripts/test builds it).
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
  endpoint, endpointLog, fontSize, hostileProps, openHost, openServerPage, seedProps, serverRender, watchErrors, widget,
} from './helpers.mjs';

const MARKED = ['.aw-article__header', '.aw-article__title', '.aw-figure', '.aw-figure figcaption', '.aw-body',
  '.aw-body__paragraph', '.aw-related'];

/** A classic script (not a module) that runs after the markup is parsed and before embed.js:
 * it marks the server's nodes with an expando, and starts recording layout shifts. */
async function routeMarker(page) {
  await page.route('**/mark-server-nodes.js', (route) => route.fulfill({
    contentType: 'text/javascript',
    body: `
      window.__marked = ${JSON.stringify(MARKED)};
      for (const s of window.__marked) { const el = document.querySelector(s); if (el) el.__awServerNode = s; }
      window.__shifts = [];
      window.__shiftSources = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.hadRecentInput) continue;
          window.__shifts.push(e.value);
          for (const s of e.sources) {
            const r = (x) => [x.x, x.y, x.width, x.height].map(Math.round).join(',');
            window.__shiftSources.push(\`\${s.node?.className || s.node?.nodeName} at \${Math.round(e.startTime)} ms: \${r(s.previousRect)} → \${r(s.currentRect)}\`);
          }
        }
      }).observe({ type: 'layout-shift', buffered: true });`,
  }));
  return '/mark-server-nodes.js';
}

/** Holds back the Wasm's response (the widget cannot start) until the returned function is
 * called. */
async function holdWasm(page) {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/article-widget_bg.wasm', async (route) => { await held; await route.continue(); });
  return release;
}

/** Records one field of each `type` event's detail, in order; `seen` reads them. */
const recordDetails = (page, type, field) => page.evaluate(([type, field]) => {
  window.__seen = [];
  document.addEventListener(type, (e) => window.__seen.push(e.detail[field]));
}, [type, field]);
const seen = (page) => page.evaluate(() => window.__seen);

/** Which marked nodes are still the server's own (`true`) and which were replaced. */
const serverNodes = (page) => page.evaluate(() =>
  Object.fromEntries(window.__marked.map((s) => [s, document.querySelector(s)?.__awServerNode === s])));
const ALL_KEPT = Object.fromEntries(MARKED.map((s) => [s, true]));

/** Waits until the widget's full comparison of server markup has run: it starts 2 s after the
 * take-over (hydration::COMPARE_AFTER_MS), at the next idle moment, and takes a task or two. */
const idle = async (page) => {
  await page.waitForTimeout(2100);
  await page.evaluate(() => new Promise((resolve) =>
    requestIdleCallback(() => setTimeout(resolve, 200), { timeout: 5000 })));
};

/** Collects console warnings. */
function warnings(page) {
  const list = [];
  page.on('console', (m) => m.type() === 'warning' && list.push(m.text()));
  return list;
}

/** Records, for each island, the mutation-observer batch (one per microtask checkpoint) in
 * which its rendered buttons appeared: `window.__islands`, by slot name. */
function recordIslandBatches(page) {
  return page.addInitScript(() => {
    window.__islands = {};
    let batch = 0;
    new MutationObserver(() => {
      batch += 1;
      for (const name of ['text-size', 'reactions']) {
        if (!(name in window.__islands) && document.querySelector(`[data-aw-island="${name}"] > .aw-island button`)) {
          window.__islands[name] = batch;
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

test('embed.js takes server markup over in place: same nodes, no layout shift, working controls', async ({ page, request }) => {
  const errors = watchErrors(page);
  const warned = warnings(page);
  const { url, scope } = await endpoint(request);
  const props = { ...seedProps(), reactionEndpoint: url };
  await openServerPage(page, serverRender(props), { script: true, before: await routeMarker(page) });
  await page.waitForFunction(() => window.ArticleWidget);
  const like = page.getByRole('button', { name: '좋아요 0' });
  await expect(like).toBeEnabled();
  await idle(page);

  expect(await serverNodes(page)).toEqual(ALL_KEPT);
  expect(await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0))).toBe(0);
  await expect(page.locator('[data-article-widget] .aw-root')).toHaveCount(1);
  await expect(page.locator('.aw-body__paragraph')).toHaveText(props.body);

  // Text size: the radio group follows, body and caption scale, the host hears it.
  const body = await fontSize(page, '.aw-body__paragraph');
  const caption = await fontSize(page, '.aw-figure figcaption');
  await page.getByRole('radio', { name: '크게', exact: true }).click();
  await expect(page.getByRole('radio', { name: '크게', exact: true })).toHaveAttribute('aria-checked', 'true');
  await expect(page.locator('.aw-widget')).toHaveClass(/aw-widget--text-large/);
  await expect(page.locator('.aw-widget')).not.toHaveClass(/aw-widget--text-default/);
  expect(await fontSize(page, '.aw-body__paragraph')).toBeGreaterThan(body);
  expect(await fontSize(page, '.aw-figure figcaption')).toBeGreaterThan(caption);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: '가장크게' })).toBeFocused();
  await expect(page.locator('.aw-widget')).toHaveClass(/aw-widget--text-largest/);

  // Reactions: toggled and sent.
  await like.click();
  await expect(page.getByRole('button', { name: '좋아요 1' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await endpointLog(request, scope)).state).toEqual({ [`${props.id}/like`]: true });

  expect(await serverNodes(page)).toEqual(ALL_KEPT);
  expect(warned).toEqual([]);
  errors.expectClean();
});

test('a stored text size is applied by the loader, before the Wasm arrives', async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem('article-widget:v1:text-size', 'largest'));
  const release = await holdWasm(page);
  await openServerPage(page, serverRender(seedProps()), { script: true });
  await expect(page.locator('.aw-widget')).toHaveClass(/aw-widget--text-largest/);
  const before = await fontSize(page, '.aw-body__paragraph');
  expect(await page.evaluate(() => window.ArticleWidget)).toBeUndefined(); // the Wasm is still held
  release();
  await page.waitForFunction(() => window.ArticleWidget);
  await expect(page.getByRole('radio', { name: '가장크게' })).toHaveAttribute('aria-checked', 'true');
  expect(await fontSize(page, '.aw-body__paragraph')).toBe(before);
});

test('a server-rendered box is kept as it is', async ({ page }) => {
  const warned = warnings(page);
  const box = { kind: 'topNews', items: [{ title: '하나', url: '/news/1' }, { title: '둘', url: '/news/2' }] };
  await openServerPage(page, serverRender(box), { script: true, before: await routeMarker(page) });
  await page.waitForFunction(() => window.ArticleWidget);
  await idle(page);
  expect((await serverNodes(page))['.aw-related']).toBe(true);
  await expect(page.getByRole('link')).toHaveText(['하나', '둘']);
  expect(warned).toEqual([]);
});

test('a photo that fails to load: the widget renders afresh, with its placeholder', async ({ page }) => {
  const warned = warnings(page);
  const props = { ...seedProps(), image: { ...seedProps().image, src: '/no-such-photo.jpg' } };
  await openServerPage(page, serverRender(props), { script: true });
  await page.waitForFunction(() => window.ArticleWidget);
  await expect(page.locator('.aw-figure__placeholder')).toBeVisible();
  await expect(page.locator('.aw-figure figcaption')).toContainText(props.image.caption);
  expect(warned.filter((w) => w.includes('server markup'))).toEqual([
    '[article-widget] server markup not used (the photo did not load): rendered from the props instead',
  ]);
});

test('a control focused before the widget starts keeps the focus', async ({ page }) => {
  const release = await holdWasm(page);
  await openServerPage(page, serverRender(seedProps()), { script: true });
  await page.getByRole('button', { name: '슬퍼요 0' }).focus();
  release();
  await page.waitForFunction(() => window.ArticleWidget);
  await expect(page.getByRole('button', { name: '슬퍼요 0' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: '슬퍼요 1' })).toHaveAttribute('aria-pressed', 'true');
});

test('taps on the server controls before the widget starts are applied, in order, once it has', async ({ page }) => {
  const release = await holdWasm(page);
  await openServerPage(page, serverRender(seedProps()), { script: true });
  await recordDetails(page, 'articlewidget:textsize', 'name');
  await page.getByRole('radio', { name: '가장크게' }).click();
  await page.getByRole('radio', { name: '크게', exact: true }).click();
  // The seed is in single mode: of 슬퍼요 then 좋아요, the last one stays.
  await page.getByRole('button', { name: '슬퍼요 0' }).click();
  await page.getByRole('button', { name: '좋아요 0' }).click();
  // Nothing happens while the Wasm is held: the server's controls do nothing by themselves.
  expect(await page.evaluate(() => window.ArticleWidget)).toBeUndefined();
  await expect(page.locator('.aw-widget')).toHaveClass(/aw-widget--text-default(\s|$)/);
  await expect(page.getByRole('button', { name: '좋아요 0' })).toHaveAttribute('aria-pressed', 'false');
  release();
  await page.waitForFunction(() => window.ArticleWidget);
  // Replayed through the live controls, in the order tapped: the same state and events.
  await expect(page.locator('.aw-widget')).toHaveClass(/aw-widget--text-large(\s|$)/);
  await expect(page.getByRole('radio', { name: '크게', exact: true })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('button', { name: '좋아요 1' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: '슬퍼요 0' })).toHaveAttribute('aria-pressed', 'false');
  expect(await seen(page)).toEqual(['largest', 'large']);
  await expect(page.locator('.aw-widget')).not.toHaveClass(/aw-widget--error/);
});

test('at most 20 early taps a page are kept: the 21st is not replayed', async ({ page }) => {
  const release = await holdWasm(page);
  await openServerPage(page, serverRender(seedProps()), { script: true });
  await recordDetails(page, 'articlewidget:reaction', 'selected');
  const like = page.getByRole('button', { name: '좋아요 0' });
  for (let i = 0; i < 21; i++) await like.click();
  release();
  // The replay presses the live button in one task, each press dispatching its event at once:
  // 20 presses (on and off ten times); a 21st would leave it on.
  await expect.poll(async () => (await seen(page)).length).toBe(20);
  expect((await seen(page)).at(-1)).toBe(false);
  await expect(page.getByRole('button', { name: '좋아요 0' })).toHaveAttribute('aria-pressed', 'false');
  await page.getByRole('button', { name: '좋아요 0' }).click();
  await expect(page.getByRole('button', { name: '좋아요 1' })).toHaveAttribute('aria-pressed', 'true');
});

test("server markup goes live island by island: the header's text-size control first, the reactions after", async ({ page }) => {
  await recordIslandBatches(page);
  await openServerPage(page, serverRender(seedProps()), { script: true });
  await page.waitForFunction(() => Object.keys(window.__islands).length === 2);
  const batches = await page.evaluate(() => window.__islands);
  expect(batches['text-size']).toBeLessThan(batches.reactions);
  await page.getByRole('radio', { name: '크게', exact: true }).click();
  await expect(page.locator('.aw-widget')).toHaveClass(/aw-widget--text-large/);
  await page.getByRole('button', { name: '좋아요 0' }).click();
  await expect(page.getByRole('button', { name: '좋아요 1' })).toHaveAttribute('aria-pressed', 'true');
});

test('reactions already on screen at load go live with the text-size control, not later', async ({ page }) => {
  await recordIslandBatches(page);
  const { image, ...short } = seedProps();
  await openServerPage(page, serverRender({ ...short, body: ['짧은 기사입니다.'] }), { script: true });
  await expect(page.getByRole('button', { name: '좋아요 0' })).toBeInViewport();
  await page.waitForFunction(() => Object.keys(window.__islands).length === 2);
  const batches = await page.evaluate(() => window.__islands);
  expect(batches.reactions).toBe(batches['text-size']);
});

test('a page that re-indents the markup is not a difference; unmounting takes the server markup away', async ({ page }) => {
  const warned = warnings(page);
  const indented = serverRender(seedProps()).replace(/<\/p><p/g, '</p>\n      <p').replace(/<\/header>/, '</header>\n    ');
  await openServerPage(page, indented, { script: true, before: await routeMarker(page) });
  await page.waitForFunction(() => window.ArticleWidget);
  await idle(page);
  expect(await serverNodes(page)).toEqual(ALL_KEPT);
  expect(warned).toEqual([]);
  // Mounted again through the API: the element was emptied and forgets it held server markup.
  await page.evaluate(() => {
    const el = document.querySelector('[data-article-widget]');
    const props = JSON.parse(el.querySelector('script').textContent);
    const handle = window.ArticleWidget.mount(el, props);
    handle.unmount();
    window.__after = { children: el.childElementCount, rendered: el.hasAttribute('data-aw-rendered') };
    window.ArticleWidget.mount(el, props);
  });
  expect(await page.evaluate(() => window.__after)).toEqual({ children: 0, rendered: false });
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(seedProps().title);
  expect(warned).toEqual([]);
});

test('markup with a second, nested island slot is not the renderer\'s: rendered afresh', async ({ page }) => {
  const warned = warnings(page);
  const fragment = serverRender(seedProps()).replace('<div role="radiogroup"', '<div data-aw-island="reactions"></div><div role="radiogroup"');
  await openServerPage(page, fragment, { script: true });
  await page.waitForFunction(() => window.ArticleWidget);
  await expect(page.locator('[data-aw-island="reactions"]')).toHaveCount(1);
  await expect(page.getByRole('button', { name: '좋아요 0' })).toBeVisible();
  expect(warned.filter((w) => w.includes('server markup'))).toHaveLength(1);
});

/** The widget's own rendering of `props` (no server markup), as `.aw-root`'s HTML. */
async function clientRendered(browser, props) {
  const page = await browser.newPage();
  await openHost(page, widget(props));
  await expect(page.locator('.aw-widget')).toBeVisible();
  const html = await page.locator('.aw-root').innerHTML();
  await page.close();
  return html;
}

const edits = {
  'rendered by another version': (html) => html.replace(/data-aw-rendered="[^"]+"/, 'data-aw-rendered="0.0.1"'),
  'a paragraph edited by hand': (html) => html.replace('</p></div>', ' (수정됨)</p></div>'),
  'a paragraph missing': (html) => html.replace(/<p class="aw-body__paragraph">[^<]*<\/p>/, ''),
  'a caption removed': (html) => html.replace(/<figcaption[\s\S]*?<\/figcaption>/, ''),
  'rendered from other props than its JSON script': (html) =>
    html.replace(/"title":"[^"]*"/, '"title":"다른 제목"'),
  'an island slot missing': (html) => html.replace('data-aw-island="reactions"', ''),
};

for (const [name, edit] of Object.entries(edits)) {
  test(`server markup ${name}: the widget shows exactly what its JSON renders, with a console warning`, async ({ browser }) => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    const warned = warnings(page);
    const original = serverRender(seedProps());
    const fragment = edit(original);
    expect(fragment).not.toBe(original);
    const json = JSON.parse(fragment.match(/<script type="application\/json">([\s\S]*?)<\/script>/)[1]);
    await openServerPage(page, fragment, { script: true });
    await page.waitForFunction(() => window.ArticleWidget);
    await idle(page);
    await expect(page.locator('.aw-root')).toHaveCount(1);
    expect(await page.locator('.aw-root').innerHTML()).toBe(await clientRendered(browser, json));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(json.title);
    await expect(page.locator('.aw-body__paragraph')).toHaveText(json.body);
    expect(warned.filter((w) => w.includes('server markup'))).toHaveLength(1);
    // The controls work on the fresh render too.
    await page.getByRole('button', { name: '좋아요 0' }).click();
    await expect(page.getByRole('button', { name: '좋아요 1' })).toHaveAttribute('aria-pressed', 'true');
    errors.expectClean();
    await page.close();
  });
}

test('a matching server markup is not re-rendered at idle (marks survive), for a 500-paragraph article too', async ({ page }) => {
  const props = { ...seedProps(), id: 'long', body: Array.from({ length: 500 }, (_, i) => `문단 ${i + 1}. ${'가나다라 '.repeat(20)}`) };
  await openServerPage(page, serverRender(props), { script: true, before: await routeMarker(page) });
  await page.waitForFunction(() => window.ArticleWidget);
  await idle(page);
  expect(await serverNodes(page)).toEqual(ALL_KEPT);
  await expect(page.locator('.aw-body__paragraph')).toHaveCount(500);
  await page.getByRole('radio', { name: '작게', exact: true }).click();
  await expect(page.locator('.aw-widget')).toHaveClass(/aw-widget--text-small/);
});

test('a long body: nothing moves on load or on a jump to the reactions, and a skipped block is laid out at the chosen size once reached', async ({ page }) => {
  const body = Array.from({ length: 300 }, (_, i) => `문단 ${i + 1}. ${'가나다라 마바사 '.repeat(12 + (i % 7) * 5)}`);
  await openServerPage(page, serverRender({ ...seedProps(), id: 'long', body }), { script: true, before: await routeMarker(page) });
  await page.waitForFunction(() => window.ArticleWidget);
  await idle(page);
  expect(await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0)), (await page.evaluate(() => window.__shiftSources)).join('; ')).toBe(0);

  // Blocks in the middle are skipped while away from the viewport (styles/body.css); the first
  // and last 20 never are.
  const visibility = (n) => page.locator(`.aw-body__paragraph:nth-child(${n})`).evaluate((p) => getComputedStyle(p).contentVisibility);
  expect([await visibility(1), await visibility(150), await visibility(300)]).toEqual(['visible', 'auto', 'visible']);

  // A keyboard reader's focus jumps from the text size to the first reaction, far below: the
  // browser scrolls it into view, and it stays where it landed.
  const tops = await page.evaluate(async () => {
    const like = document.querySelector('.aw-reaction');
    like.focus();
    const out = [];
    for (let i = 0; i < 6; i++) {
      out.push(Math.round(like.getBoundingClientRect().top));
      await new Promise((r) => requestAnimationFrame(r));
    }
    return out;
  });
  expect(new Set(tops).size, `the focused button moved: ${tops}`).toBe(1);
  expect(tops[0]).toBeGreaterThanOrEqual(0);
  expect(tops[0]).toBeLessThan(page.viewportSize().height);
  expect(await page.evaluate(() => window.__shifts.reduce((a, b) => a + b, 0))).toBe(0);

  // A skipped block is still text on the page: found by its text, and measured at the
  // reader's size once scrolled to (as a link to it would).
  const middle = page.locator('.aw-body__paragraph:nth-child(150)');
  const before = await fontSize(page, '.aw-body__paragraph');
  await page.getByRole('radio', { name: '가장크게' }).click();
  await expect(page.locator('.aw-widget')).toHaveClass(/aw-widget--text-largest/);
  await expect(page.getByText('문단 150.')).toHaveCount(1);
  await middle.evaluate((p) => p.scrollIntoView());
  await expect(middle).toBeInViewport();
  const size = await middle.evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
  expect(size).toBeGreaterThan(before);
  // Laid out for real once near the viewport: its height is its lines, not the placeholder's.
  const lines = await middle.evaluate((p) => Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)));
  expect(lines).toBeGreaterThan(1);
  expect(await middle.evaluate((p) => p.getBoundingClientRect().height)).not.toBeCloseTo(8 * size, 0);
});

test('server and browser render the same markup for every kind of props: no fallback, no warning', async ({ page }) => {
  const read = (name) => JSON.parse(readFileSync(new URL(`../../examples/data/${name}`, import.meta.url), 'utf8'));
  const { vectors } = JSON.parse(readFileSync(new URL('../xss-vectors.json', import.meta.url), 'utf8'));
  const all = [
    seedProps(),
    read('article-en.json'),
    read('crypto.json'),
    { kind: 'topNews', title: 'Top', locale: 'en', items: [{ title: 'one', url: 'https://example.com/1' }] },
    { ...seedProps(), id: 'bare', image: undefined, related: [], reactions: [], updatedAt: undefined, textSize: 'small' },
    // The vectors in every field but the photo's URL: a photo that fails to load makes the
    // widget render afresh on purpose (next test but one).
    ...vectors.map((v, i) => {
      const props = hostileProps(v, i);
      return { ...props, image: { ...props.image, src: seedProps().image.src } };
    }),
  ];
  const warned = warnings(page);
  await openServerPage(page, all.map((props, i) => serverRender(props, i === 0 ? '/' : null)).join(''), { script: true });
  await page.evaluate(() => {
    for (const [i, el] of document.querySelectorAll('.aw-root').entries()) el.__awServerNode = i;
  });
  await page.waitForFunction(() => window.ArticleWidget);
  await idle(page);
  expect(warned.filter((w) => w.includes('server markup'))).toEqual([]);
  expect(await page.evaluate(() => [...document.querySelectorAll('.aw-root')].map((el) => el.__awServerNode)))
    .toEqual(all.map((_, i) => i));
});

test("the preview's server-rendered pages (seed article, news page) are taken over, not re-rendered", async ({ page }) => {
  for (const [path, count] of [['/server-rendered.html', 1], ['/examples/news-page-server-rendered.html', 2]]) {
    const errors = watchErrors(page);
    const warned = warnings(page);
    await page.goto(path);
    await expect(page.locator('[data-aw-rendered]')).toHaveCount(count);
    await page.evaluate(() => { document.querySelector('.aw-body').__awServerNode = true; });
    await page.waitForFunction(() => window.ArticleWidget);
    await idle(page);
    expect(await page.evaluate(() => document.querySelector('.aw-body').__awServerNode)).toBe(true);
    expect(warned.filter((w) => w.includes('server markup'))).toEqual([]);
    await expect(page.getByRole('heading', { level: 1 }).first()).toHaveText(seedProps().title);
    await page.getByRole('radio', { name: '크게', exact: true }).first().click();
    await expect(page.locator('.aw-widget').first()).toHaveClass(/aw-widget--text-large/);
    errors.expectClean();
    page.removeAllListeners('console');
    page.removeAllListeners('pageerror');
  }
});

test('on a slow CPU, a click that lands while the widget is still starting is not lost', async ({ page, context }) => {
  // Yew yields to the browser between a render and its effects when the CPU is slow; a click
  // in that gap once stored the choice but never showed it, and later clicks were then no-ops.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await openServerPage(page, serverRender(seedProps()), { script: true });
  const applied = await page.evaluate(() => new Promise((resolve) => {
    const deadline = performance.now() + 20_000;
    const tryClick = () => {
      const radio = [...document.querySelectorAll('[role="radio"]')].find((b) => b.textContent === '가장크게');
      radio?.click();
      const widget = document.querySelector('.aw-widget');
      if (widget.classList.contains('aw-widget--text-largest') && radio.getAttribute('aria-checked') === 'true') resolve(true);
      else if (performance.now() > deadline) resolve(false);
      else setTimeout(tryClick, 5);
    };
    tryClick();
  }));
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  expect(applied).toBe(true);
  await expect(page.getByRole('radio', { name: '가장크게' })).toHaveAttribute('aria-checked', 'true');
});

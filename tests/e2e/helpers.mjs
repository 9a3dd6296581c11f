// Shared by the browser tests: host pages built around the release build, and recorders for
// what a host page would observe (events, console errors).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from '@playwright/test';

/** The contract's Content-Security-Policy; every page in these tests is served under it. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src * data:";

const distIndex = () => readFileSync(new URL('../../dist/index.html', import.meta.url), 'utf8');

/** The seed article's props, as the demo page carries them. */
export function seedProps() {
  const html = distIndex();
  const match = html.match(/<script type="application\/json">([\s\S]*?)<\/script>/);
  return JSON.parse(match[1]);
}

/** A mount element with props in a child JSON script tag (`<` escaped as a host must). */
export function widget(props, attrs = '') {
  const json = JSON.stringify(props).replace(/</g, '\\u003c');
  return `<div data-article-widget ${attrs}><script type="application/json">${json}</script></div>`;
}

/** A mount element with props in `data-props`. */
export function widgetWithDataProps(props) {
  const attr = JSON.stringify(props).replace(/&/g, '&amp;').replace(/'/g, '&#39;');
  return `<div data-article-widget data-props='${attr}'></div>`;
}

let hostCount = 0;

/**
 * Opens a host page whose <head> is the release build's (the widget's script and CSS) and whose
 * body is `body`; `head` adds host markup to the head (e.g. a host stylesheet). `hostScript`
 * (JS source) is served from the page's origin as a classic script in the head, so it runs
 * before embed.js (the CSP allows no inline script); `ready` replaces the wait for
 * `window.ArticleWidget` (a page function for `page.waitForFunction`).
 */
export async function openHost(page, body, { head = '', hostScript = null, ready = () => window.ArticleWidget } = {}) {
  const name = `/host-${++hostCount}.html`;
  if (hostScript !== null) {
    const src = name.replace(/\.html$/, '-script.js');
    await page.route(`**${src}`, (route) => route.fulfill({ contentType: 'text/javascript', body: hostScript }));
    head = `<script src="${src}"></script>${head}`;
  }
  const html = distIndex()
    .replace('</head>', `${head}</head>`)
    .replace(/<body[^>]*>[\s\S]*<\/body>/, `<body>${body}<script type="module" src="/embed.js"></script></body>`);
  await page.route(`**${name}`, (route) =>
    route.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': CSP }, body: html }));
  await page.goto(name);
  await page.waitForFunction(ready);
  if (body.includes('data-article-widget')) await page.locator('[data-article-widget] .aw-widget').first().waitFor();
  return name;
}

/** Records every articlewidget:* event that reaches `document`, from the first script on. */
export async function recordEvents(page) {
  await page.addInitScript(() => {
    window.__awEvents = [];
    for (const type of ['articlewidget:reaction', 'articlewidget:textsize', 'articlewidget:error']) {
      document.addEventListener(type, (e) => {
        window.__awEvents.push({
          type,
          target: e.target.id || null,
          bubbles: e.bubbles,
          composed: e.composed,
          detail: JSON.parse(JSON.stringify(e.detail)),
        });
      });
    }
  });
}

export const events = (page) => page.evaluate(() => window.__awEvents);

/**
 * Collects uncaught page errors, console errors and CSP violations; `expectClean` asserts there
 * were none.
 */
export function watchErrors(page) {
  const errors = { page: [], console: [], csp: [] };
  page.on('pageerror', (e) => errors.page.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.console.push(m.text()));
  page.exposeFunction('__awCspViolation', (v) => errors.csp.push(v)).catch(() => {});
  page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      window.__awCspViolation(`${e.violatedDirective} ${e.blockedURI}`));
  });
  errors.expectClean = () => {
    expect(errors.page, 'uncaught errors').toEqual([]);
    expect(errors.console, 'console errors').toEqual([]);
    expect(errors.csp, 'CSP violations').toEqual([]);
  };
  return errors;
}

/** The computed font size, in px, of the first element matching `selector`. */
export const fontSize = (page, selector) =>
  page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

let scopes = 0;
/** A fresh scope of the test server's reactions endpoint, with its scripted failures. */
export async function endpoint(request, control = {}) {
  const scope = `t${Date.now()}-${++scopes}`;
  await request.post(`/api/control/${scope}`, { data: control });
  return { url: `/api/reactions/${scope}`, scope };
}

/** What the endpoint of `scope` received: { deliveries, attempts, duplicates, state }. */
export const endpointLog = async (request, scope) => (await (await request.get(`/api/log/${scope}`)).json());

/** An article whose every string and URL field holds the injection vector `v`. */
export function hostileProps(v, i) {
  return {
    id: `x${i}`, title: v, section: v, subtitle: v, byline: v,
    publishedAt: '2024-02-28T16:04:00+09:00',
    image: { src: v, alt: v, caption: v, credit: v, width: 10, height: 10 },
    body: [v, { type: 'heading', text: v }, { type: 'quote', text: v }],
    reactions: [{ key: v, label: v, count: 1 }, { key: 'like', count: 0 }],
    reactionEndpoint: v,
    related: [{ title: v, url: v }],
  };
}

/** The only tags the widget renders. */
export const RENDERED_TAGS = ['DIV', 'ARTICLE', 'HEADER', 'P', 'H1', 'H2', 'SPAN', 'TIME', 'BUTTON', 'FIGURE', 'IMG',
  'FIGCAPTION', 'BLOCKQUOTE', 'SECTION', 'UL', 'LI', 'A'];

/**
 * What an injection could leave on the page: `window.__pwned` (set by the vectors' payloads),
 * tags and event/style attributes the widget never renders, non-http(s) URLs, and scripts other
 * than embed.js and the mount elements' props.
 */
export const inspectInjection = (page) => page.evaluate((allowed) => {
  const out = { pwned: window.__pwned ?? 0, badTags: [], onAttrs: [], badUrls: [], scripts: [] };
  for (const el of document.querySelectorAll('.aw-root *')) {
    if (!allowed.includes(el.tagName)) out.badTags.push(el.tagName);
    for (const a of el.attributes) {
      if (/^on/i.test(a.name) || ['style', 'srcdoc', 'formaction', 'xlink:href'].includes(a.name)) out.onAttrs.push(a.name);
    }
    for (const name of ['href', 'src']) {
      const value = el.getAttribute(name);
      if (value !== null && !['http:', 'https:'].includes(new URL(value, document.baseURI).protocol)) out.badUrls.push(value);
    }
  }
  for (const s of document.querySelectorAll('script')) {
    const props = s.type === 'application/json' && s.parentElement.matches('[data-article-widget]');
    if (!props && !s.src.endsWith('/embed.js')) out.scripts.push(s.outerHTML.slice(0, 80));
  }
  return out;
}, RENDERED_TAGS);

/** The release `article-widget` command (scripts/test builds it before the browser tests). */
export const CLI = new URL('../../target/release/article-widget', import.meta.url).pathname;

let renderDir = null;
let renderFiles = 0;
/** The CLI's output for `props`: `render FILE --assets ASSETS` (no `--assets` when null). */
export function serverRender(props, assets = '/') {
  renderDir ??= mkdtempSync(join(tmpdir(), 'aw-server-render-'));
  const file = join(renderDir, `props-${++renderFiles}.json`);
  writeFileSync(file, JSON.stringify(props));
  // stderr piped: the injection vectors' dropped URLs are warnings there.
  return execFileSync(CLI, ['render', file, ...(assets === null ? [] : ['--assets', assets])],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let serverPages = 0;
/** Opens a plain host page under the contract's CSP whose main holds `body`; with `script`,
 * the page includes embed.js after it, as a host would; `before` is a classic script URL that
 * runs after the markup is parsed and before embed.js. */
export async function openServerPage(page, body, { script = false, before = null } = {}) {
  const name = `/server-rendered-${++serverPages}.html`;
  const html = '<!doctype html><html lang="ko"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><title>server-rendered</title>' +
    `<link rel="icon" href="data:,"></head><body><main>${body}</main>` +
    (before ? `<script src="${before}"></script>` : '') +
    `${script ? '<script type="module" src="/embed.js"></script>' : ''}</body></html>`;
  await page.route(`**${name}`, (route) =>
    route.fulfill({ contentType: 'text/html', headers: { 'content-security-policy': CSP }, body: html }));
  await page.goto(name);
}

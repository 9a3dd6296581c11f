// article-widget loader: the one script a host page includes.
//
//   <script type="module" src="https://cdn.example/article-widget/0.1.0/embed.js"></script>
//
// 1. Insert the widget's stylesheet first in <head> (unless the page links it already); its
//    rules sit in a cascade layer, so the host's own CSS wins wherever either link stands.
// 2. Load the Wasm once, from next to this file (any path or origin the page's CSP allows).
// 3. Publish window.ArticleWidget (unless the page declared that name itself) and dispatch
//    `articlewidget:ready` on document, with the API in its detail.
// 4. Once the document is parsed, mount every [data-article-widget] element on the page.
//    Server-rendered ones (data-aw-rendered) are taken over in place: only their controls are
//    rendered again, and taps on the server's controls meanwhile are replayed on them. With
//    `async` on the script tag, the Wasm (step 2) starts loading as soon as this file arrives,
//    while the page is still parsing; the stylesheet (step 1) waits for the parse, so that a
//    link to it further down the page is seen first.
// No inline script or style is created, so it runs under `script-src 'self' 'wasm-unsafe-eval';
// style-src 'self'`.

const here = new URL('.', import.meta.url);

/** The widget's stylesheet when the page already has it: added by an earlier embed.js, or
 * linked by the host itself (in its <head>, or by a server-rendered fragment's `--assets`). */
function linkedStylesheet() {
  for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
    if (link.hasAttribute('data-article-widget-css') || /\/article-widget\.css(?:[?#]|$)/.test(link.href)) {
      return link;
    }
  }
  return null;
}

function addStylesheet() {
  const href = new URL('article-widget.css', here).href;
  if (linkedStylesheet()) return Promise.resolve();
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = href;
  link.setAttribute('data-article-widget-css', '');
  const loaded = new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true }); // unstyled beats nothing
  });
  document.head.prepend(link);
  return loaded;
}

/** What a mount element says when no widget can run in it: the Wasm could not load, or it
 * stopped after an internal error (a Rust panic, which stops every widget on the page). */
const FAILURE_TEXT = {
  load: '기사 위젯을 불러오지 못했습니다. (The article widget could not be loaded.)',
  stopped: '기사 위젯에 오류가 발생했습니다. (The article widget stopped after an error.)',
};

/** Puts a readable alert in each element (all of them first), then dispatches
 * `articlewidget:error` on each. Also the Wasm's panic hook's way to show a panic. A server-
 * rendered article stays: its controls are disabled and the alert goes above it; anything
 * else is replaced by the alert. */
function showFailure(elements, text, message) {
  const shown = [];
  for (const el of elements) {
    const article = el.hasAttribute('data-aw-rendered') && el.querySelector(':scope > .aw-root > .aw-widget:not(.aw-widget--error)');
    if (article) {
      for (const control of article.querySelectorAll('button')) control.disabled = true;
      if (!article.querySelector(':scope > .aw-error[role="alert"]')) {
        const alert = document.createElement('p');
        alert.className = 'aw-error';
        alert.setAttribute('role', 'alert');
        alert.textContent = text;
        article.prepend(alert);
      }
      shown.push(el);
      continue;
    }
    const root = document.createElement('div');
    root.className = 'aw-root';
    const box = root.appendChild(document.createElement('div'));
    box.className = 'aw-widget aw-widget--error';
    box.setAttribute('role', 'alert');
    box.textContent = text;
    el.replaceChildren(root);
    shown.push(el);
  }
  for (const el of shown) {
    el.dispatchEvent(new CustomEvent('articlewidget:error', {
      bubbles: true, composed: true, detail: { articleId: null, message },
    }));
  }
}

/** Shows a readable message in every mount element when the widget cannot start at all. */
function showLoadFailure(error) {
  console.error('[article-widget] could not start:', error);
  showFailure(document.querySelectorAll('[data-article-widget]'), FAILURE_TEXT.load, `could not load: ${error}`);
}

/** Loads the stylesheet and the Wasm; the only steps whose failure means "could not load". */
async function load() {
  // After the parse, so that a stylesheet link further down the page (a server-rendered
  // fragment's) is seen and not added twice.
  const css = parsed.then(addStylesheet);
  const glue = await import(new URL('article-widget.js', here).href);
  await glue.default({ module_or_path: new URL('article-widget_bg.wasm', here) });
  await css;
  return glue;
}

/** `window.ArticleWidget = api`, unless the page declared that name at top level (`var` or
 * `function`): such a property cannot be redefined, so the page's value stays, and the API is
 * on the ready event's `detail.api` only. */
function publish(api) {
  try {
    Object.defineProperty(window, 'ArticleWidget', { value: api, configurable: true });
  } catch {
    console.warn("[article-widget] window.ArticleWidget is taken by the page; the API is on the articlewidget:ready event's detail.api");
  }
}

function start(glue) {
  glue.setFailureView((elements, message) => showFailure(elements, FAILURE_TEXT.stopped, message));
  const api = Object.freeze({
    version: glue.version(),
    mount: (element, props) => glue.mount(element, props),
    setTheme: (name) => glue.setTheme(name),
  });
  publish(api);
  document.dispatchEvent(new CustomEvent('articlewidget:ready', {
    bubbles: true, composed: true, detail: { version: api.version, api },
  }));
  glue.autoMount();
}

/** Server-rendered articles take the reader's stored text size now, before the Wasm arrives
 * (it sets the same class again when it takes the article over): the one shift a reader with
 * a stored choice sees comes as early as it can. */
function applyStoredTextSize() {
  let size = null;
  try {
    size = localStorage.getItem('article-widget:v1:text-size');
  } catch {
    return; // storage blocked: the widget's default it is
  }
  if (!/^(smallest|small|default|large|largest)$/.test(size)) return;
  const wanted = `aw-widget--text-${size}`;
  for (const widget of document.querySelectorAll('[data-aw-rendered] > .aw-root > .aw-widget')) {
    const sizes = [...widget.classList].filter((name) => name.startsWith('aw-widget--text-'));
    if (sizes.length === 1 && sizes[0] === wanted) continue; // right already: no restyle
    for (const name of sizes) widget.classList.remove(name);
    widget.classList.add(wanted);
  }
}

/** Taps on a server-rendered control before its island is live (the Wasm still on its way)
 * are kept and replayed, in order, on the live control once the island has rendered: a
 * reader's early tap on 크게 or 좋아요 counts, a little late, instead of being lost. Only the
 * first MAX_EARLY_TAPS on the page, so that a reader tapping on and on is not replayed for
 * long. A slot whose widget renders afresh instead (its markup did not match) or stops keeps
 * its taps unused. */
const MAX_EARLY_TAPS = 20;
function keepEarlyTaps() {
  let left = MAX_EARLY_TAPS;
  const pending = new WeakMap(); // slot → indexes of the tapped buttons among its buttons
  document.addEventListener('click', (event) => {
    // A server control's, not a live one's. (The controls of a widget that could not start
    // are disabled: they fire no click.)
    const button = event.target.closest?.('[data-aw-rendered] [data-aw-island] button');
    if (!button || button.closest('.aw-island') || left === 0) return;
    left--;
    const slot = button.closest('[data-aw-island]');
    const taps = pending.get(slot) || [];
    taps.push([...slot.querySelectorAll('button')].indexOf(button));
    if (taps.length > 1) return; // the slot is watched already
    pending.set(slot, taps);
    const live = () => slot.querySelectorAll(':scope > .aw-island button');
    const observer = new MutationObserver(() => {
      if (!live().length) return;
      observer.disconnect();
      // In a task of its own, after the island's render and its effects.
      setTimeout(() => taps.forEach((i) => live()[i]?.click()));
    });
    observer.observe(slot, { childList: true, subtree: true });
  }, true);
}

/** Settles once the document is parsed. A plain `<script type="module">` runs after that
 * anyway; one marked `async` runs as soon as it arrives, often mid-parse: the Wasm then loads
 * and compiles while the page is still parsing, and the widgets are mounted once every element
 * of the page is there. */
const parsed = document.readyState === 'loading'
  ? new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }))
  : Promise.resolve();

// Included twice (a CMS template and a plugin, from two URLs): the first one serves the page.
const loading = Symbol.for('article-widget.loading');
if (!window[loading]) {
  window[loading] = true;
  keepEarlyTaps();
  applyStoredTextSize(); // the articles parsed so far
  if (document.readyState === 'loading') parsed.then(applyStoredTextSize); // and the rest
  load().then(
    (glue) => parsed.then(() => start(glue)),
    (error) => parsed.then(() => showLoadFailure(error)),
  );
}

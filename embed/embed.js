// article-widget loader: the one script a host page includes.
//
//   <script type="module" src="https://cdn.example/article-widget/0.1.0/embed.js"></script>
//
// 1. Insert the widget's stylesheet first in <head>, so the host's own CSS comes later and wins.
// 2. Load the Wasm once, from next to this file (any path or origin the page's CSP allows).
// 3. Publish window.ArticleWidget and dispatch `articlewidget:ready` on document.
// 4. Mount every [data-article-widget] element already on the page.
// No inline script or style is created, so it runs under `script-src 'self' 'wasm-unsafe-eval';
// style-src 'self'`.

const here = new URL('.', import.meta.url);

function addStylesheet() {
  const href = new URL('article-widget.css', here).href;
  const existing = document.querySelector('link[data-article-widget-css]');
  if (existing) return Promise.resolve();
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

/** Shows a readable message in every mount element when the widget cannot start at all. */
function showLoadFailure(error) {
  console.error('[article-widget] could not start:', error);
  for (const el of document.querySelectorAll('[data-article-widget]')) {
    const root = document.createElement('div');
    root.className = 'aw-root';
    const box = root.appendChild(document.createElement('div'));
    box.className = 'aw-widget aw-widget--error';
    box.setAttribute('role', 'alert');
    box.textContent = '기사 위젯을 불러오지 못했습니다. (The article widget could not be loaded.)';
    el.replaceChildren(root);
    el.dispatchEvent(new CustomEvent('articlewidget:error', {
      bubbles: true, composed: true, detail: { articleId: null, message: `could not load: ${error}` },
    }));
  }
}

/** Loads the stylesheet and the Wasm; the only steps whose failure means "could not load". */
async function load() {
  const css = addStylesheet();
  const glue = await import(new URL('article-widget.js', here).href);
  await glue.default({ module_or_path: new URL('article-widget_bg.wasm', here) });
  await css;
  return glue;
}

function start(glue) {
  const api = Object.freeze({
    version: glue.version(),
    mount: (element, props) => glue.mount(element, props),
    setTheme: (name) => glue.setTheme(name),
  });
  Object.defineProperty(window, 'ArticleWidget', { value: api, configurable: true });
  document.dispatchEvent(new CustomEvent('articlewidget:ready', {
    bubbles: true, composed: true, detail: { version: api.version },
  }));
  glue.autoMount();
}

// Included twice (a CMS template and a plugin, from two URLs): the first one serves the page.
const loading = Symbol.for('article-widget.loading');
if (!window[loading]) {
  window[loading] = true;
  load().then(start, showLoadFailure);
}

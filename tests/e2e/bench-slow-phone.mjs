// Benchmark (not a test): the seed article, and a 500-paragraph one, client-rendered, server-
// rendered and static, on an emulated mid-range phone and on a fast local load.
//
// Slow phone: a local server answers each request after 150 ms and streams brotli bodies
// through one shared 200 KB/s link (a phone has one radio); Chromium's CPU is throttled 4×
// through the DevTools protocol. (Chromium's own network throttling stretches streamed Wasm
// several-fold, so it is not used.) Fast: the same server with no delay and no link limit, CPU
// unthrottled.
//
// Pages, for each article: client-rendered (the props in a JSON script, embed.js), server-
// rendered (`article-widget render --assets /`, with embed.js), and the same fragment without
// embed.js (its stylesheet link kept) as the static baseline. For each: heading visible (the
// <h1> painted) and interactive (the time of the first click on 가장크게 that the widget applied
// to the body text; clicks are tried every 10 ms), medians of RUNS
// cold loads after one warm-up, and the same for a second, cached visit. The long article
// cycles the seed's own paragraphs, so it measures the work of a long body, not the bytes of a
// different text (brotli folds the repeats; its page size is printed).
//
//   node tests/e2e/bench-slow-phone.mjs [RUNS]   (needs dist/ and target/release/article-widget)
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from '@playwright/test';

const RUNS = Number(process.argv[2] || 10);
const PROFILES = {
  'slow phone': { delay: 150, link: 200 * 1024, cpu: 4 },
  fast: { delay: 0, link: Infinity, cpu: 1 },
};
let profile = PROFILES['slow phone'];
const PORT = 4190;
const root = resolve('dist');
const cli = resolve('target/release/article-widget');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json' };

// ---- the pages ----
const index = readFileSync(join(root, 'index.html'), 'utf8');
const seed = JSON.parse(index.match(/<script type="application\/json">([\s\S]*?)<\/script>/)[1]);
const paragraphs = seed.body.filter((b) => typeof b === 'string');
const long = { ...seed, id: 'long', body: Array.from({ length: 500 }, (_, i) => `${i + 1}. ${paragraphs[i % paragraphs.length]}`) };
const dir = mkdtempSync(join(tmpdir(), 'aw-bench-'));
const page = (body, { script }) => '<!doctype html><html lang="ko"><head><meta charset="utf-8">' +
  '<meta name="viewport" content="width=device-width, initial-scale=1"><title>bench</title></head>' +
  `<body><main>${body}</main>${script ? '<script type="module" src="/embed.js"></script>' : ''}</body></html>`;
const pages = {};
for (const [name, props] of [['seed', seed], ['long', long]]) {
  writeFileSync(join(dir, `${name}.json`), JSON.stringify(props));
  const fragment = execFileSync(cli, ['render', join(dir, `${name}.json`), '--assets', '/'], { encoding: 'utf8' });
  const json = JSON.stringify(props).replace(/</g, '\\u003c');
  pages[`/${name}-client.html`] = page(`<div data-article-widget><script type="application/json">${json}</script></div>`, { script: true });
  pages[`/${name}-server.html`] = page(fragment, { script: true });
  pages[`/${name}-static.html`] = page(fragment, { script: false });
}

// ---- the slow link: every body in flight shares one link of `profile.link` bytes a second ----
// The budget is the time since the last tick times the rate, so a timer that fires late (a busy
// machine) does not slow the link; a flow that needs less than its share leaves the rest to the
// others, as one link would. Without a link limit, bodies are sent whole (`send` below) and
// never wait here.
const TICK_MS = 20;
const flows = new Set();
let lastTick = performance.now();
let credit = 0;
setInterval(() => {
  const now = performance.now();
  const elapsed = Math.min(now - lastTick, 250);
  lastTick = now;
  if (flows.size === 0) {
    credit = 0;
    return;
  }
  credit += profile.link * elapsed / 1000;
  const queue = [...flows].sort((a, b) => (a.body.length - a.sent) - (b.body.length - b.sent));
  queue.forEach((flow, i) => {
    const share = Math.floor(credit / (queue.length - i));
    const n = Math.min(share, flow.body.length - flow.sent);
    if (n > 0) {
      flow.res.write(flow.body.subarray(flow.sent, flow.sent + n));
      flow.sent += n;
      credit -= n;
    }
    if (flow.sent >= flow.body.length) {
      flows.delete(flow);
      flow.res.end();
    }
  });
  if (flows.size === 0) credit = 0;
}, TICK_MS).unref();

const compressed = new Map();
function brotli(key, raw) {
  if (!compressed.has(key)) {
    compressed.set(key, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
  return compressed.get(key);
}

const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  let raw;
  let type;
  if (pages[path]) {
    raw = Buffer.from(pages[path]);
    type = types['.html'];
  } else {
    const file = join(root, normalize(decodeURIComponent(path)));
    try {
      raw = readFileSync(file);
    } catch {
      res.writeHead(404).end();
      return;
    }
    type = types[extname(file)] || 'application/octet-stream';
  }
  const body = brotli(path, raw);
  const send = () => {
    // Versioned, immutable files would be cached across visits; pages are revalidated.
    const cache = pages[path] ? 'no-cache' : 'public, max-age=31536000, immutable';
    res.writeHead(200, { 'content-type': type, 'content-encoding': 'br', 'content-length': body.length, 'cache-control': cache });
    if (profile.link === Infinity) return res.end(body);
    flows.add({ res, body, sent: 0 });
  };
  if (profile.delay > 0) setTimeout(send, profile.delay); else send();
}).listen(PORT, '127.0.0.1');

// ---- the phone ----
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** Records the start of the frame that first paints the heading. The check runs in animation
 * frames, where the browser lays the page out anyway: a check on every DOM mutation would force
 * extra layouts in the middle of parsing and slow what it measures. */
function probe() {
  window.__aw = {};
  const check = () => {
    const h1 = document.querySelector('h1');
    if (h1 && h1.getBoundingClientRect().height > 0 && getComputedStyle(h1).visibility !== 'hidden') {
      window.__aw.heading ??= performance.now(); // this frame paints it
    } else {
      requestAnimationFrame(check);
    }
  };
  requestAnimationFrame(check);
}

const STEP_LABELS = { largest: '가장크게', smallest: '가장작게' };

/** One visit of `path` in `context`: heading-visible, and interactive (clicking the `step`
 * radio got the widget to that text size), in ms since navigation. Visits alternate steps,
 * since the reader's choice is remembered between them. */
async function visit(context, path, step) {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
  await tab.addInitScript(probe);
  await tab.goto(`http://127.0.0.1:${PORT}${path}`, { waitUntil: 'commit' });
  await tab.waitForFunction(() => window.__aw && window.__aw.heading !== undefined, null, { timeout: 60_000, polling: 20 });
  // Clicks are tried in the page every 10 ms (a round trip to the page per try would make
  // the probe's own pace the measure). Before the widget runs, the server's radios are inert:
  // the click changes nothing. The widget applies a click in its own tasks (as frameworks
  // batch updates), so each click is looked at once the tasks it queued have run; the time
  // taken is the click's.
  const interactive = path.endsWith('-static.html') ? null : await tab.evaluate(({ step, label }) => new Promise((resolve) => {
    const deadline = performance.now() + 30_000;
    const attempt = () => {
      const radio = [...document.querySelectorAll('[role="radio"]')].find((b) => b.textContent.trim() === label);
      const clicked = performance.now();
      radio?.click();
      setTimeout(() => {
        const widget = document.querySelector('.aw-widget');
        if (widget?.classList.contains(`aw-widget--text-${step}`) && radio?.getAttribute('aria-checked') === 'true') resolve(clicked);
        else if (performance.now() > deadline) resolve(null);
        else setTimeout(attempt, 10);
      }, 0);
    };
    attempt();
  }), { step, label: STEP_LABELS[step] });
  const heading = await tab.evaluate(() => window.__aw.heading);
  await tab.close();
  return { heading, interactive };
}

const median = (xs) => {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.floor(s.length / 2)]) : null;
};

const results = {};
try {
  for (const [name, chosen] of Object.entries(PROFILES)) {
    profile = chosen;
    results[name] = {};
    const cold = {};
    const warm = {};
    // Round-robin over the pages, so that a busy machine slows every page alike.
    for (let i = 0; i <= RUNS; i++) {
      for (const path of Object.keys(pages)) {
        const context = await browser.newContext();
        const first = await visit(context, path, 'largest');
        const second = await visit(context, path, 'smallest');
        await context.close();
        if (i === 0) continue; // warm-up: compiles, caches on the server side
        (cold[path] ??= []).push(first);
        (warm[path] ??= []).push(second);
      }
    }
    for (const path of Object.keys(pages)) {
      // Against the static page of the same round (visited moments before), so that a
      // machine that runs slower for a while moves both sides: the widget's own cost.
      const baseline = cold[path.replace(/-(client|server)\.html$/, '-static.html')];
      const paired = (key, op) => cold[path].map((r, i) => (r[key] === null ? null : op(r[key], baseline[i].heading)));
      results[name][path] = {
        cold: { heading: median(cold[path].map((r) => r.heading)), interactive: median(cold[path].map((r) => r.interactive)) },
        cached: { heading: median(warm[path].map((r) => r.heading)), interactive: median(warm[path].map((r) => r.interactive)) },
        headingRatio: median(paired('heading', (x, y) => Math.round((x / y) * 100))),
        overStatic: median(paired('interactive', (x, y) => x - y)),
      };
    }
  }
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
const f = (x) => String(x ?? '—');
for (const [name, rows] of Object.entries(results)) {
  const p = PROFILES[name];
  console.log(`\n${name} (CPU ${p.cpu}x, ${p.delay} ms per response, ${p.link === Infinity ? 'no link limit' : `${p.link / 1024} KB/s shared`}, brotli), medians of ${RUNS} loads, ms since navigation:`);
  console.log(`${'page'.padEnd(20)} ${'heading'.padStart(8)} ${'interactive'.padStart(12)} ${'2nd visit: heading'.padStart(20)} ${'interactive'.padStart(12)} ${'heading/static %'.padStart(17)} ${'interactive-static'.padStart(19)}`);
  for (const [path, r] of Object.entries(rows)) {
    const own = path.endsWith('-static.html') ? ['', ''] : [f(r.headingRatio), f(r.overStatic)];
    console.log(`${path.padEnd(20)} ${f(r.cold.heading).padStart(8)} ${f(r.cold.interactive).padStart(12)} ${f(r.cached.heading).padStart(20)} ${f(r.cached.interactive).padStart(12)} ${own[0].padStart(17)} ${own[1].padStart(19)}`);
  }
  console.log('(the last two: medians over the rounds of the page against the static page of the same round; interactive-static in ms)');
}
console.log('\npage sizes (brotli 11, bytes):', Object.fromEntries(Object.keys(pages).map((p) => [p, brotli(p, Buffer.from(pages[p])).length])));
process.exit(0);

// Benchmark (not a test): time from navigation start to the article's first render, for the
// release build of the demo in headless Chromium. Prints min / median / max over 15 loads.
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';

const PORT = 4180;
const RUNS = 15;
const server = spawn(process.execPath, [new URL('./static-server.mjs', import.meta.url).pathname, 'dist', String(PORT)], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
await new Promise((resolve) => server.stdout.once('data', resolve));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const times = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // Records the moment the widget's <article> enters the DOM, in ms since navigation start.
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.querySelector('.aw-article')) {
          window.__awRendered = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.waitForFunction(() => window.__awRendered !== undefined);
    times.push(await page.evaluate(() => window.__awRendered));
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
times.sort((a, b) => a - b);
const fmt = (ms) => `${ms.toFixed(0)} ms`;
console.log(`first render of the demo article over ${RUNS} cold loads: min ${fmt(times[0])}, median ${fmt(times[Math.floor(RUNS / 2)])}, max ${fmt(times[RUNS - 1])}`);

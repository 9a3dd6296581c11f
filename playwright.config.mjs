// Browser tests: Debian's Chromium, headless, against the release build in dist/ served by a
// local static server. Never downloads a browser.
import { defineConfig } from '@playwright/test';

const PORT = 4173;
// AW_DIST serves another build (e.g. an older commit's, to show a new test failing there).
const DIST = process.env.AW_DIST || 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '*.spec.mjs',
  fullyParallel: false,
  workers: 1, // two cores: one browser at a time keeps timings honest
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `node tests/e2e/static-server.mjs ${DIST} ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 10_000,
  },
});

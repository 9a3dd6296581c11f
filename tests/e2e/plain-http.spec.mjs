// A plain-http page (not a secure context): no Web Locks, no crypto.randomUUID. The widget
// still delivers every change: each tab sends its own (and, once at start, what it finds from
// other tabs), with keys from crypto.getRandomValues. The host name maps to 127.0.0.1 inside
// Chromium only, so the page's origin is not potentially trustworthy.
import { test, expect } from '@playwright/test';
import config from '../../playwright.config.mjs';
import { openHost, seedProps, widget } from './helpers.mjs';

const server = 'http://127.0.0.1:4173'; // for the test's own requests (Node does not map the name)
const launch = config.use.launchOptions;
test.use({
  baseURL: 'http://plain.test:4173',
  // The name resolves to loopback, which Chromium's local-network-access checks would block
  // from a non-secure page; a real plain-http site is not on loopback.
  launchOptions: {
    ...launch,
    args: [...launch.args, '--host-resolver-rules=MAP plain.test 127.0.0.1', '--disable-features=LocalNetworkAccessChecks'],
  },
});

test('plain http: without Web Locks every change is still delivered, each key applied once', async ({ context, request }) => {
  const scope = `plain-${Date.now()}`;
  await request.post(`${server}/api/control/${scope}`, { data: { down: true } });
  const log = async () => (await (await request.get(`${server}/api/log/${scope}`)).json());
  const article = (id) => widget({ ...seedProps(), id, reactionEndpoint: `/api/reactions/${scope}` });
  const [a, b] = [await context.newPage(), await context.newPage()];
  await openHost(a, article('plain-a'));
  expect(await a.evaluate(() => [window.isSecureContext, 'locks' in navigator, typeof crypto.randomUUID]))
    .toEqual([false, false, 'undefined']);
  await a.getByRole('button', { name: '좋아요 0' }).click();
  await openHost(b, article('plain-b'));
  await b.getByRole('button', { name: '슬퍼요 0' }).click();
  await expect.poll(async () => (await log()).attempts, { timeout: 10_000 }).toBeGreaterThan(1);
  await request.post(`${server}/api/control/${scope}`, { data: { down: false } });
  await expect.poll(async () => (await log()).deliveries.map((d) => `${d.articleId}/${d.reaction}`).sort(), { timeout: 45_000 })
    .toEqual(['plain-a/like', 'plain-b/sad']);
  const keys = (await log()).deliveries.map((d) => d.idempotencyKey);
  for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
  await expect(a.getByRole('button', { name: /^좋아요/ })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => a.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(':outbox:')).length), { timeout: 35_000 }).toBe(0);
});

// How it looks and adapts: screenshots, narrow screens, dark mode, reduced motion, focus,
// and zoom (rem-based sizes, the host's <html> font size untouched).
import { test, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { openHost, seedProps, widget, fontSize } from './helpers.mjs';

const shots = new URL('../../artifacts/screenshots/', import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

for (const width of [1280, 375]) {
  test(`demo screenshot at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/');
    await expect(page.getByRole('article')).toBeVisible();
    await expect(page.getByRole('figure').getByRole('img')).toHaveJSProperty('complete', true);
    await page.screenshot({ path: `${shots}demo-${width}.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

test('nothing overflows at 320 px', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await page.goto('/');
  await expect(page.getByRole('article')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});

test('dark mode follows the system setting', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  const bg = await page.locator('.aw-widget').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).toBe('rgb(22, 24, 28)');
  await page.screenshot({ path: `${shots}demo-1280-dark.png`, fullPage: true });
});

test('a host stylesheet overrides the custom properties', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' }); // read the final color, not a transition
  await page.route('**/host-brand.css', (r) => r.fulfill({
    contentType: 'text/css',
    body: ':root { --aw-color-accent: rgb(200, 0, 80); --aw-body-font-size: 1.25rem; }',
  }));
  await openHost(page, widget(seedProps()), { head: '<link rel="stylesheet" href="/host-brand.css">' });
  await page.getByRole('button', { name: '좋아요 0' }).click();
  const bg = await page.locator('.aw-reaction--pressed').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).toBe('rgb(200, 0, 80)');
  expect(await fontSize(page, '.aw-body__paragraph')).toBe(20);
});

test('sizes are rem-based and the host <html> font size is left alone', async ({ page }) => {
  await page.goto('/');
  expect(await page.evaluate(() => document.documentElement.getAttribute('style'))).toBeNull();
  expect(await fontSize(page, 'html')).toBe(16);
  // A reader's larger default font (what zoom-by-text-size does) scales the widget with it.
  await page.route('**/reader-font.css', (r) => r.fulfill({ contentType: 'text/css', body: 'html { font-size: 20px }' }));
  await page.addStyleTag({ url: '/reader-font.css' });
  expect(await fontSize(page, '.aw-body__paragraph')).toBeCloseTo(21.25, 1);
});

test('keyboard focus is visible, also on the checked step drawn in the accent', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('radio', { name: '기본', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  const ring = (loc) => loc.evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, color: s.outlineColor, background: s.backgroundColor };
  });
  // Focus sits on the checked step: its ring must differ from the accent fill behind it.
  const checked = await ring(page.getByRole('radio', { name: '크게', exact: true }));
  expect(checked.style).toBe('solid');
  expect(checked.color).not.toBe(checked.background);
  await page.keyboard.press('Tab');
  const reaction = await ring(page.getByRole('button', { name: '좋아요 0' }));
  expect(reaction.style).toBe('solid');
  expect(reaction.color).toBe('rgb(10, 87, 194)');
});

test('common host rules for p and button do not freeze the text size or repaint the buttons', async ({ page }) => {
  await page.route('**/host-rules.css', (r) => r.fulfill({
    contentType: 'text/css',
    body: 'p { font-size: 16px } button { color: #fff; font: 12px serif; background: #000 }',
  }));
  await openHost(page, widget(seedProps()), { head: '<link rel="stylesheet" href="/host-rules.css">' });
  await page.getByRole('radio', { name: '가장크게', exact: true }).click();
  expect(await fontSize(page, '.aw-body__paragraph')).toBeCloseTo(17 * 1.25, 1);
  const reaction = await page.locator('.aw-reaction').first().evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
  expect(reaction).toEqual(['rgb(27, 29, 33)', 'rgb(255, 255, 255)']);
});

test('reduced motion turns transitions off', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  const duration = await page.locator('.aw-reaction').first().evaluate((el) => getComputedStyle(el).transitionDuration);
  expect(duration).toBe('0s');
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const animated = await page.locator('.aw-reaction').first().evaluate((el) => getComputedStyle(el).transitionDuration);
  expect(animated).not.toBe('0s');
});

test('the checked step and a pressed reaction are drawn in the accent with contrasting text', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/');
  const colors = (loc) => loc.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
  expect(await colors(page.getByRole('radio', { checked: true }))).toEqual(['rgb(255, 255, 255)', 'rgb(10, 87, 194)']);
  await page.getByRole('button', { name: '좋아요 0' }).click();
  expect(await colors(page.getByRole('button', { pressed: true }))).toEqual(['rgb(255, 255, 255)', 'rgb(10, 87, 194)']);
});

test('news-page example screenshot (article and sidebar boxes)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/examples/news-page.html');
  await expect(page.locator('#crypto table')).toBeVisible();
  await expect(page.locator('#rising-stocks table')).toBeVisible();
  await expect(page.locator('#main-article figure img')).toHaveJSProperty('complete', true);
  await page.screenshot({ path: `${shots}news-page-1280.png`, fullPage: true });
});

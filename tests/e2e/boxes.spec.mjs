// The seed page's sidebar boxes (contract section 6): tables, formatting, colours, and
// data-refresh polling that updates in place, marks failures stale and recovers.
import { test, expect } from '@playwright/test';
import { openHost, widget, widgetWithDataProps, watchErrors } from './helpers.mjs';

const crypto = {
  kind: 'crypto', asOf: '2024-07-03T09:35:00+09:00', currency: 'KRW',
  items: [
    { name: '비트코인', symbol: 'BTC', price: 87497000, changePct: -0.93 },
    { name: '리플', symbol: 'XRP', price: 683, changePct: 1.94 },
    { name: '샌드박스', price: 466, changePct: 1.3 },
  ],
};

test('the crypto and rising-stocks boxes are captioned tables with signed, coloured changes', async ({ page }) => {
  const errors = watchErrors(page);
  await page.emulateMedia({ colorScheme: 'light' });
  await openHost(page, widget(crypto, 'id="c"') + widgetWithDataProps({
    kind: 'risingStocks', locale: 'en', asOf: '2024-07-03T09:35:00+09:00',
    items: [{ name: 'Alpha', code: '000001', price: 12345, changePct: 29.9 }],
  }) + widget({ kind: 'topNews', items: [{ title: '첫 기사', url: '/news/1' }] }, 'id="t"'));
  const table = page.locator('#c').getByRole('table', { name: '실시간 암호화폐 시세' });
  await expect(table.getByRole('columnheader')).toHaveText(['종목', '현재가(원)', '변동률']);
  await expect(table.getByRole('row', { name: /비트코인/ }).getByRole('cell')).toHaveText(['87,497,000', '-0.93%']);
  await expect(table.getByRole('row', { name: /샌드박스/ }).getByRole('cell')).toHaveText(['466', '+1.3%']);
  await expect(page.locator('#c time')).toHaveText('07.03 09:35 실시간');
  const color = (name) => table.getByRole('row', { name }).locator('.aw-quotes__change').evaluate((el) => getComputedStyle(el).color);
  expect(await color(/비트코인/)).toBe('rgb(0, 80, 208)'); // falling: blue
  expect(await color(/리플/)).toBe('rgb(214, 0, 0)'); // rising: red
  await expect(page.getByRole('table', { name: "Today's top gainers" }).getByRole('columnheader')).toHaveText(['Name', 'Price (KRW)', 'Change']);
  await expect(page.locator('#t').getByRole('heading', { name: '주요 뉴스' })).toBeVisible();
  await expect(page.locator('#t').getByRole('link', { name: '첫 기사' })).toHaveAttribute('href', '/news/1');
  // Every element the widget renders carries a documented class with the one prefix.
  expect(await page.evaluate(() => [...document.querySelectorAll('.aw-root *')]
    .filter((el) => ![...el.classList].some((c) => c.startsWith('aw-'))).map((el) => el.tagName))).toEqual([]);
  errors.expectClean();
});

test('data-refresh polls in place: focus and scroll stay, a failure is marked stale, then recovers', async ({ page, request }) => {
  const scope = `q${Date.now()}`;
  await openHost(page,
    '<button id="host-button">host</button>' +
    `<div data-article-widget id="live" data-src="/api/quotes/${scope}" data-refresh="1"></div>`);
  const price = page.locator('#live .aw-quotes__row').first().locator('.aw-quotes__price');
  await expect(price).toHaveText('87,498,000');
  await page.locator('#host-button').focus();
  const scroll = await page.evaluate(() => window.scrollY);
  await expect(price).toHaveText('87,499,000', { timeout: 3_000 });
  await expect(page.locator('#host-button')).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(scroll);

  await request.post(`/api/control/quotes-${scope}`, { data: { down: true } });
  await expect(page.locator('#live').getByRole('status')).toContainText('업데이트 지연', { timeout: 3_000 });
  await expect(price).toHaveText(/^87,49\d,000$/); // the last data stays
  await request.post(`/api/control/quotes-${scope}`, { data: { down: false } });
  await expect(page.locator('#live').getByRole('status')).toHaveCount(0, { timeout: 6_000 });
});

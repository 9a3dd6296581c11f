// The five-step text-size control: mouse, keyboard, the event, persistence, and one choice
// shared by every widget on the page.
import { test, expect } from '@playwright/test';
import { openHost, seedProps, widget, recordEvents, events, fontSize, watchErrors } from './helpers.mjs';

const group = (scope) => scope.getByRole('radiogroup', { name: '글자 크기' });

test('clicking a step scales body and caption, dispatches the event, and survives a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await recordEvents(page);
  await page.goto('/');
  const body0 = await fontSize(page, '.aw-body__paragraph');
  const caption0 = await fontSize(page, '.aw-figure__caption');
  expect(body0).toBe(17); // 1.0625rem at the browser's default 16px

  await group(page).getByRole('radio', { name: '크게', exact: true }).click();
  await expect(group(page).getByRole('radio', { checked: true })).toHaveText(['크게']);
  expect(await fontSize(page, '.aw-body__paragraph')).toBeCloseTo(body0 * 1.125, 1);
  expect(await fontSize(page, '.aw-figure__caption')).toBeCloseTo(caption0 * 1.125, 1);
  expect(await events(page)).toEqual([
    { type: 'articlewidget:textsize', target: null, bubbles: true, composed: true, detail: { step: 3, name: 'large' } },
  ]);

  // Choosing the step already chosen changes nothing and tells no one.
  await group(page).getByRole('radio', { name: '크게', exact: true }).click();
  expect(await events(page)).toHaveLength(1);

  await group(page).getByRole('radio', { name: '가장작게', exact: true }).click();
  expect(await fontSize(page, '.aw-body__paragraph')).toBeCloseTo(body0 * 0.875, 1);
  await page.reload();
  await expect(group(page).getByRole('radio', { checked: true })).toHaveText(['가장작게']);
  expect(await fontSize(page, '.aw-body__paragraph')).toBeCloseTo(body0 * 0.875, 1);
  errors.expectClean();
});

test('arrow keys, Home and End move the choice and the focus, with one tab stop', async ({ page }) => {
  await page.goto('/');
  const radios = group(page).getByRole('radio');
  await expect(radios.nth(2)).toHaveAttribute('tabindex', '0');
  for (const i of [0, 1, 3, 4]) await expect(radios.nth(i)).toHaveAttribute('tabindex', '-1');

  await radios.nth(2).focus();
  await page.keyboard.press('ArrowRight');
  await expect(radios.nth(3)).toBeFocused();
  await expect(radios.nth(3)).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(radios.nth(4)).toBeFocused();
  await page.keyboard.press('ArrowRight'); // wraps to the first
  await expect(radios.nth(0)).toBeFocused();
  await expect(radios.nth(0)).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('ArrowLeft'); // wraps to the last
  await expect(radios.nth(4)).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Home');
  await expect(radios.nth(0)).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('End');
  await expect(radios.nth(4)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(radios.nth(3)).toBeFocused();
  await expect(group(page).getByRole('radio', { checked: true })).toHaveText(['크게']);
  await expect(radios.nth(3)).toHaveAttribute('tabindex', '0');

  // Tab leaves the group in one step: the next stop is the first reaction.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: '좋아요 0' })).toBeFocused();
});

test('one choice applies at once to every widget on the page', async ({ page }) => {
  await openHost(page, widget({ ...seedProps(), id: 'a' }, 'id="a"') + widget({ ...seedProps(), id: 'b', locale: 'en' }, 'id="b"'));
  await group(page.locator('#a')).getByRole('radio', { name: '가장크게', exact: true }).click();
  const b = page.locator('#b');
  await expect(b.getByRole('radiogroup', { name: 'Text size' }).getByRole('radio', { checked: true })).toHaveText(['Largest']);
  expect(await fontSize(page, '#b .aw-body__paragraph')).toBeCloseTo(17 * 1.25, 1);
});

test('a reader who never chose sees each widget at its textSize prop', async ({ page }) => {
  await openHost(page, widget({ ...seedProps(), id: 'a', textSize: 'large' }, 'id="a"') + widget({ ...seedProps(), id: 'b' }, 'id="b"'));
  await expect(group(page.locator('#a')).getByRole('radio', { checked: true })).toHaveText(['크게']);
  await expect(group(page.locator('#b')).getByRole('radio', { checked: true })).toHaveText(['기본']);
});

test('another tab of the same site changing the choice is followed', async ({ page, context }) => {
  await page.goto('/');
  const other = await context.newPage();
  await other.goto('/');
  await group(other).getByRole('radio', { name: '작게', exact: true }).click();
  await expect(group(page).getByRole('radio', { checked: true })).toHaveText(['작게']);
});

test('with localStorage throwing, the control still works for the page', async ({ page }) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() { throw new DOMException('The operation is insecure.', 'SecurityError'); },
    });
  });
  await page.goto('/');
  await group(page).getByRole('radio', { name: '크게', exact: true }).click();
  await expect(group(page).getByRole('radio', { checked: true })).toHaveText(['크게']);
  await page.getByRole('button', { name: '좋아요 0' }).click();
  await expect(page.getByRole('button', { name: '좋아요 1' })).toHaveAttribute('aria-pressed', 'true');
  errors.expectClean();
});

test('garbage in storage under our keys is ignored', async ({ page }) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => {
    localStorage.setItem('article-widget:v1:text-size', '{"not":"a step"}');
    localStorage.setItem('article-widget:v1:reactions:etoday-2024-02-28-zuckerberg', '[[[{');
  });
  await page.goto('/');
  await expect(group(page).getByRole('radio', { checked: true })).toHaveText(['기본']);
  await expect(page.getByRole('button', { name: '좋아요 0' })).toHaveAttribute('aria-pressed', 'false');
  errors.expectClean();
});

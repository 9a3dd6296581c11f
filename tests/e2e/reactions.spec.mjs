// Reader reactions: toggling, single and multiple modes, the event, and persistence.
import { test, expect } from '@playwright/test';
import { openHost, seedProps, widget, recordEvents, events, watchErrors } from './helpers.mjs';

test('single mode: a reaction toggles, moves, dispatches the event, and survives a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await recordEvents(page);
  const props = { ...seedProps(), reactions: [{ key: 'like', count: 3 }, { key: 'angry', count: 0 }, { key: 'sad', count: 1 }, { key: 'followUp', count: 1234 }] };
  const url = await openHost(page, widget(props, 'id="w"'));
  const button = (name) => page.getByRole('button', { name, exact: true });

  await button('좋아요 3').click();
  await expect(button('좋아요 4')).toHaveAttribute('aria-pressed', 'true');
  await button('슬퍼요 1').click();
  await expect(button('좋아요 3')).toHaveAttribute('aria-pressed', 'false');
  await expect(button('슬퍼요 2')).toHaveAttribute('aria-pressed', 'true');
  await expect(button('추가취재 원해요 1,234')).toHaveAttribute('aria-pressed', 'false');

  const id = props.id;
  expect(await events(page)).toEqual([
    { type: 'articlewidget:reaction', target: 'w', bubbles: true, composed: true,
      detail: { articleId: id, reaction: 'like', selected: true, counts: { like: 4, angry: 0, sad: 1, followUp: 1234 } } },
    { type: 'articlewidget:reaction', target: 'w', bubbles: true, composed: true,
      detail: { articleId: id, reaction: 'sad', selected: true, counts: { like: 3, angry: 0, sad: 2, followUp: 1234 } } },
  ]);

  await page.goto(url);
  await expect(button('슬퍼요 2')).toHaveAttribute('aria-pressed', 'true');
  await button('슬퍼요 2').click();
  await expect(button('슬퍼요 1')).toHaveAttribute('aria-pressed', 'false');
  await page.goto(url);
  await expect(button('슬퍼요 1')).toHaveAttribute('aria-pressed', 'false');
  errors.expectClean();
});

test('multiple mode: a reader holds several reactions', async ({ page }) => {
  await openHost(page, widget({ ...seedProps(), reactionMode: 'multiple' }));
  await page.getByRole('button', { name: '좋아요 0' }).click();
  await page.getByRole('button', { name: '화나요 0' }).click();
  await expect(page.getByRole('button', { pressed: true })).toHaveCount(2);
  await expect(page.getByRole('button', { name: '좋아요 1' })).toBeVisible();
  await expect(page.getByRole('button', { name: '화나요 1' })).toBeVisible();
});

test('reactions are remembered per article', async ({ page }) => {
  const url = await openHost(page, widget({ ...seedProps(), id: 'one' }, 'id="one"') + widget({ ...seedProps(), id: 'two' }, 'id="two"'));
  await page.locator('#one').getByRole('button', { name: '좋아요 0' }).click();
  await page.goto(url);
  await expect(page.locator('#one').getByRole('button', { name: '좋아요 1' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('#two').getByRole('button', { name: '좋아요 0' })).toHaveAttribute('aria-pressed', 'false');
});

test('keyboard: Enter and Space toggle a reaction', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '좋아요 0' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: '좋아요 1' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: '좋아요 0' })).toHaveAttribute('aria-pressed', 'false');
});

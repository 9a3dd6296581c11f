// What a reader sees: the seed article's structure, roles and names, in the release build.
import { test, expect } from '@playwright/test';
import { openHost, seedProps, widget, widgetWithDataProps, watchErrors, recordEvents, events } from './helpers.mjs';

test('the demo renders the seed article with its roles and names', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText('尹, 저커버그 만난다…AI 등 미래산업 협력 모색');
  await expect(article.locator('time')).toHaveAttribute('datetime', '2024-02-28T16:04:00+09:00');
  await expect(article.locator('.aw-article__time--published')).toHaveText('입력 2024-02-28 16:04');

  const figure = article.getByRole('figure');
  await expect(figure.getByRole('img')).toHaveAttribute('alt', '윤석열 대통령이 연단에서 격려사를 하는 모습');
  await expect(figure.locator('figcaption')).toHaveText(/^윤석열 대통령이 16일 .* \(연합뉴스\)$/);
  // Space reserved from width/height: the box has the photo's 3:2 ratio.
  const box = await figure.getByRole('img').boundingBox();
  expect(Math.abs(box.width / box.height - 1.5)).toBeLessThan(0.02);
  await expect(figure.getByRole('img')).toHaveJSProperty('complete', true);

  const sizes = page.getByRole('radiogroup', { name: '글자 크기' });
  await expect(sizes.getByRole('radio')).toHaveText(['가장작게', '작게', '기본', '크게', '가장크게']);
  await expect(sizes.getByRole('radio', { checked: true })).toHaveText(['기본']);

  for (const name of ['좋아요 0', '화나요 0', '슬퍼요 0', '추가취재 원해요 0']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveAttribute('aria-pressed', 'false');
  }
  await expect(article.locator('.aw-body__paragraph')).toHaveCount(6);

  const related = page.locator('.aw-related');
  await expect(related.getByRole('heading', { name: '주요 뉴스' })).toBeVisible();
  await expect(related.getByRole('listitem')).toHaveCount(8);
  await expect(related.getByRole('link').first()).toHaveAttribute('href', '/news/1');
  // Every element the widget renders carries a documented class with the one prefix.
  expect(await page.evaluate(() => [...document.querySelectorAll('.aw-root *')]
    .filter((el) => ![...el.classList].some((c) => c.startsWith('aw-'))).map((el) => el.tagName))).toEqual([]);
  errors.expectClean();
});

test('props from data-props render too, and English labels follow locale', async ({ page }) => {
  const errors = watchErrors(page);
  const props = { ...seedProps(), id: 'en-1', locale: 'en', updatedAt: '2024-02-29T09:10:00+09:00' };
  await openHost(page, widgetWithDataProps(props));
  await expect(page.getByRole('radiogroup', { name: 'Text size' }).getByRole('radio')).toHaveText([
    'Smallest', 'Small', 'Default', 'Large', 'Largest',
  ]);
  await expect(page.locator('.aw-article__time--updated')).toHaveText('Updated Feb 29, 2024, 09:10 UTC+9');
  await expect(page.getByRole('button', { name: 'Want follow-up 0' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Top news' })).toBeVisible();
  await expect(page.locator('.aw-widget')).toHaveAttribute('lang', 'en');
  errors.expectClean();
});

test('bad props render an alert naming the field, and the widget beside it still works', async ({ page }) => {
  const errors = watchErrors(page);
  await recordEvents(page);
  const good = { ...seedProps(), id: 'good' };
  const { title, ...noTitle } = seedProps();
  await openHost(
    page,
    widget(noTitle, 'id="bad-title"') +
      '<div data-article-widget id="not-json"><script type="application/json">{"id": oops</script></div>' +
      widget({ ...good, body: [] }, 'id="empty-body"') +
      widget(good, 'id="good"'),
  );
  await expect(page.locator('#bad-title').getByRole('alert')).toContainText('title');
  await expect(page.locator('#not-json').getByRole('alert')).toContainText('JSON');
  await expect(page.locator('#empty-body').getByRole('alert')).toContainText('body');
  const goodWidget = page.locator('#good');
  await expect(goodWidget.getByRole('article')).toBeVisible();
  await goodWidget.getByRole('button', { name: '좋아요 0' }).click();
  await expect(goodWidget.getByRole('button', { name: '좋아요 1' })).toHaveAttribute('aria-pressed', 'true');
  // Each bad widget logs its detail for the developer; nothing is thrown at the page.
  expect(errors.page).toEqual([]);
  expect(errors.console.filter((m) => m.includes('[article-widget]'))).toHaveLength(3);
  expect(errors.console.join('\n')).toContain('required field `title` is missing');
  // Each bad widget also tells the host page, with the article id when the props had one.
  const errs = (await events(page)).filter((e) => e.type === 'articlewidget:error');
  expect(errs.map((e) => [e.target, e.detail.articleId])).toEqual([
    ['bad-title', seedProps().id], ['not-json', null], ['empty-body', 'good'],
  ]);
  expect(errs[0].detail.message).toBe('required field `title` is missing');
});

test('a broken image leaves the caption readable', async ({ page }) => {
  const props = { ...seedProps(), image: { ...seedProps().image, src: '/missing.jpg' } };
  await openHost(page, widget(props));
  const figure = page.getByRole('figure');
  await expect(figure.locator('.aw-figure__placeholder')).toContainText('이미지를 불러올 수 없습니다');
  await expect(figure.locator('figcaption')).toBeVisible();
  await expect(figure.locator('figcaption')).toContainText('(연합뉴스)');
});

test('after a broken photo, update() with another src shows that photo; the broken one again shows the placeholder', async ({ page }) => {
  const seed = seedProps();
  const broken = { ...seed, image: { ...seed.image, src: '/missing.jpg' } };
  await openHost(page, '<div id="spa"></div>');
  await page.evaluate((props) => {
    window.__handle = window.ArticleWidget.mount(document.getElementById('spa'), props);
  }, broken);
  const figure = page.getByRole('figure');
  await expect(figure.locator('.aw-figure__placeholder')).toBeVisible();
  await page.evaluate((props) => window.__handle.update(props), seed);
  await expect(figure.getByRole('img', { name: seed.image.alt })).toHaveJSProperty('complete', true);
  expect(await figure.locator('img').evaluate((img) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(figure).not.toHaveClass(/aw-figure--broken/);
  await page.evaluate((props) => window.__handle.update(props), broken);
  await expect(figure.locator('.aw-figure__placeholder')).toBeVisible();
  await expect(figure).toHaveClass(/aw-figure--broken/);
});

test('markup and script URLs in props stay inert', async ({ page }) => {
  const errors = watchErrors(page);
  await page.addInitScript(() => { window.__pwned = 0; });
  const props = {
    ...seedProps(),
    title: '<img src=x onerror="window.__pwned++">',
    body: ['</script><script>window.__pwned++</script>', { type: 'quote', text: '<b onmouseover="window.__pwned++">q</b>' }],
    image: { src: 'javascript:window.__pwned++', caption: '<svg onload="window.__pwned++">' },
    related: [{ title: 'x', url: 'javascript:window.__pwned++' }, { title: 'y', url: ' JAVA\tSCRIPT:window.__pwned++' }],
  };
  await openHost(page, widget(props));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('<img src=x onerror="window.__pwned++">');
  expect(await page.evaluate(() => window.__pwned)).toBe(0);
  expect(await page.locator('.aw-widget img, .aw-widget svg, .aw-widget script, .aw-widget b').count()).toBe(0);
  expect(await page.locator('.aw-widget a').count()).toBe(0);
  errors.expectClean();
});

test('an unusable optional field is left out with a console warning, and the article renders', async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await openHost(page, widget({ ...seedProps(), subtitle: 123, locale: 'fr', reactions: [{ key: 'like' }, { key: 'sad', count: 2 }] }));
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: '슬퍼요 2' })).toBeVisible();
  await expect(page.locator('.aw-reaction')).toHaveCount(1);
  expect(warnings.join('\n')).toContain('`subtitle` must be a string');
  expect(warnings.join('\n')).toContain('`locale` is invalid');
  expect(warnings.join('\n')).toContain('`reactions[0].count`');
});

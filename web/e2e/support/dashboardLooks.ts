import { expect, type Page } from '@playwright/test';

/**
 * What a person sees, not just what is in the DOM: each section is a white card with a border and rounded corners, and the
 * share charts' tracks and bars are painted in the palette, not the black an SVG shape gets when its rule never applies
 * (an unclosed rule in the stylesheet once nested the dashboard's rules and did exactly that).
 */
export async function expectTheDashboardLooksFinished(page: Page) {
  const sections = page.locator('.dashboard-section');
  expect(await sections.count()).toBeGreaterThanOrEqual(3);
  for (const section of await sections.all()) {
    const card = await section.evaluate((element) => {
      const style = getComputedStyle(element);
      return { background: style.backgroundColor, border: `${style.borderTopWidth} ${style.borderTopStyle} ${style.borderTopColor}`, radius: style.borderTopLeftRadius };
    });
    expect(card).toEqual({ background: 'rgb(255, 255, 255)', border: '1px solid rgb(201, 206, 214)', radius: '6px' });
  }

  for (const title of [/^Confirmation rate/, /^This month on the .* plan$/]) {
    const chart = page.locator('figure.share-chart').filter({ has: page.locator('figcaption', { hasText: title }) });
    await expect(chart).toBeVisible();
    const paint = await chart.evaluate((figure) => ({
      tracks: [...figure.querySelectorAll('.share-chart__track')].map((track) => [getComputedStyle(track).fill, getComputedStyle(track).stroke]),
      bars: [...figure.querySelectorAll('.share-chart__bar:not(.share-chart__bar--full)')].map((bar) => getComputedStyle(bar).fill),
      caption: getComputedStyle(figure.querySelector('figcaption')!).fontWeight,
    }));
    expect(paint.tracks).toEqual([
      ['rgb(238, 240, 243)', 'rgb(201, 206, 214)'],
      ['rgb(238, 240, 243)', 'rgb(201, 206, 214)'],
    ]);
    for (const bar of paint.bars) expect(bar).toBe('rgb(29, 78, 137)');
    expect(paint.caption).toBe('600');
  }

  const headline = await page.getByRole('heading', { level: 1, name: 'Dashboard' }).evaluate((h1) => getComputedStyle(h1).color);
  expect(headline).not.toBe('rgb(0, 0, 0)');
}

import { expect, test, type Page } from '@playwright/test';
import { seriousAccessibilityProblems, type AxeFinding } from './support/axe';
import { screenshot } from './support/screenshots';
import { UK, useOneSignedInOwner } from './support/session';

test.use(UK);

/** Every page (each route in App.tsx a visitor can open without a token or an id) is checked with axe-core and for sideways scrolling, on a desktop and a 360 px phone. */

/** Every route in App.tsx a visitor can open without a token or an id. */
const PUBLIC_PAGES = ['/', '/signup', '/login', '/forgot-password', '/reset-password', '/confirm', '/closed', '/unsubscribe', '/privacy', '/support', '/no-such-page'];
const APP_PAGES = [
  '/dashboard', '/clients', '/clients/new', '/clients/import', '/data', '/appointments', '/appointments/new', '/calendars', '/reminders',
  '/conversations', '/messages', '/messages/new', '/messages/history', '/settings', '/status', '/privacy', '/support',
];
/** The public page the README shows; the signed-in ones are the demo clinic's (screenshots.spec.ts). */
const SCREENSHOTS: Record<string, string> = { '/': 'home' };

async function settled(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Pages load their data after the heading shows; wait until nothing says it is still loading.
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
}

async function expectAccessibleAt(page: Page, path: string, width: number) {
  await page.setViewportSize({ width, height: 800 });
  await settled(page, path);
  const problems: AxeFinding[] = await seriousAccessibilityProblems(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) {
    problems.push({ id: 'horizontal-scroll', impact: 'serious', help: `The page is ${overflow}px wider than the screen`, targets: [] });
  }
  const shot = SCREENSHOTS[path];
  if (shot !== undefined && width > 360) {
    await screenshot(page, shot);
  }
  expect(problems, `serious or critical accessibility problems on ${path} at ${width} px`).toEqual([]);
}

const WIDTHS = [1280, 360];

test.describe('signed out', () => {
  for (const width of WIDTHS) {
    for (const path of PUBLIC_PAGES) {
      test(`${path} at ${width} px`, async ({ page }) => expectAccessibleAt(page, path, width));
    }
  }
});

test.describe('signed in', () => {
  useOneSignedInOwner('Accessibility');
  for (const width of WIDTHS) {
    for (const path of APP_PAGES) {
      test(`${path} at ${width} px`, async ({ page }) => expectAccessibleAt(page, path, width));
    }
  }
});

import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn } from './support/accounts';
import { expectNoSeriousAccessibilityProblems } from './support/axe';
import { expectTheDashboardLooksFinished } from './support/dashboardLooks';
import { screenshot } from './support/screenshots';
import { UK } from './support/session';

test.use(UK);

/** The README's screenshots of the signed-in product, named for their files in docs/screenshots. */
const PAGES: [path: string, name: string][] = [
  ['/dashboard', 'dashboard'],
  ['/clients', 'clients'],
  ['/appointments', 'appointments'],
  ['/reminders', 'reminders'],
  ['/messages', 'messages'],
  ['/settings', 'settings'],
];

async function settled(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
  await expect(page.getByText(/^Preparing the preview/)).toHaveCount(0);
}

test('the README screenshots show the demo clinic at work: a month of history and a week ahead, at 1280 px and on a phone', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, DEMO.email, DEMO.password);

  for (const [path, name] of PAGES) {
    await settled(page, path);
    await expectNoSeriousAccessibilityProblems(page, `the demo's ${path}`);
    await screenshot(page, name);
  }

  await settled(page, '/dashboard');
  await expectTheDashboardLooksFinished(page);
  // What the month shows: reminders went out and were answered.
  await expect(page.getByText(/^Confirmation rate: [1-9]\d*%/)).toBeVisible();

  await page.setViewportSize({ width: 360, height: 800 });
  await settled(page, '/dashboard');
  await expectTheDashboardLooksFinished(page);
  await screenshot(page, 'dashboard-phone');
});

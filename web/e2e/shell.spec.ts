import { expect, test, type Cookie, type Page } from '@playwright/test';
import { createConfirmedOwner, signIn } from './support/accounts';

const SECTIONS = ['Dashboard', 'Clients', 'Appointments', 'Calendars', 'Reminders', /^Conversations/, 'Messages', 'Settings'];

function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

function checkCard(page: Page, dependency: string) {
  return page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: dependency, exact: true }) });
}

// The app pages need a signed-in owner: sign one up once and give every test its session cookie.
let sessionCookies: Cookie[] = [];

test.beforeAll(async ({ browser }, testInfo) => {
  const { baseURL } = testInfo.project.use;
  const context = await browser.newContext(baseURL === undefined ? {} : { baseURL });
  const page = await context.newPage();
  const owner = await createConfirmedOwner(page, page.request, 'Shell');
  await signIn(page, owner.email, owner.password);
  sessionCookies = (await context.storageState()).cookies;
  await context.close();
});

test.beforeEach(async ({ context }) => {
  await context.addCookies(sessionCookies);
});

test('the shell renders, and the footer’s service status shows live health from the API, outside the owner’s menu', async ({ page }) => {
  await page.goto('/');

  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole('banner')).toContainText('Client Reminders');
  await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(mainNav(page).getByRole('link')).toHaveText(SECTIONS);
  await expect(mainNav(page).getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');

  await page.getByRole('navigation', { name: 'Footer' }).getByRole('link', { name: 'Service status' }).click();

  await expect(page).toHaveURL(/\/status$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeFocused();
  await expect(mainNav(page).locator('[aria-current="page"]')).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Overall status: Healthy');
  for (const dependency of ['tables', 'queues']) {
    await expect(checkCard(page, dependency).getByText('Healthy', { exact: true })).toBeVisible();
  }
});

/** Vertical centres of the brand, every section link and the sign-out button: one row means one centre line. */
async function headerRowCentres(page: Page): Promise<number[]> {
  const banner = page.getByRole('banner');
  const parts = [banner.getByRole('link', { name: 'Client Reminders' }), ...(await mainNav(page).getByRole('link').all()), banner.getByRole('button', { name: 'Sign out' })];
  const centres: number[] = [];
  for (const part of parts) {
    const box = await part.boundingBox();
    expect(box, 'every part of the top bar is on screen').not.toBeNull();
    centres.push(Math.round(box!.y + box!.height / 2));
  }
  return centres;
}

test('the top bar is one row at 1280 px, even for a long business name, which shows in full on hover', async ({ browser }, testInfo) => {
  const { baseURL } = testInfo.project.use;
  const context = await browser.newContext({ ...(baseURL === undefined ? {} : { baseURL }), viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const owner = await createConfirmedOwner(page, page.request, 'Riverside Physiotherapy and Sports Injury Clinic');
  await signIn(page, owner.email, owner.password);

  const centres = await headerRowCentres(page);
  expect(Math.max(...centres) - Math.min(...centres), `the parts' centre lines ${centres.join(', ')}`).toBeLessThanOrEqual(2);
  const bannerHeight = (await page.getByRole('banner').boundingBox())!.height;
  expect(bannerHeight).toBeLessThanOrEqual(64);
  await expect(page.getByRole('banner').getByText(owner.businessName)).toHaveAttribute('title', owner.businessName);
  await context.close();
});

test('a deep link to /status loads the page directly', async ({ page }) => {
  const response = await page.goto('/status');

  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Overall status:');
  await expect(page.getByRole('status')).not.toContainText('Checking');
});

test('an unknown address shows the not-found page', async ({ page }) => {
  await page.goto('/no-such-page');

  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
});

test('keyboard users can skip straight to the main content', async ({ page }) => {
  await page.goto('/clients');
  // Tab only once the signed-in page is there, or the key lands on the loading screen.
  await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();

  await page.keyboard.press('Tab');
  const skipLink = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toBeInViewport();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('main')).toBeFocused();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('the menu button opens the navigation and the page fits the screen', async ({ page }) => {
    await page.goto('/');
    const menuButton = page.getByRole('button', { name: 'Menu' });
    await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
    await expect(mainNav(page)).toBeHidden();

    // Compact while closed: the brand and the menu button, one row; the account waits in the menu.
    expect((await page.getByRole('banner').boundingBox())!.height).toBeLessThanOrEqual(64);
    await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeHidden();

    await menuButton.click();

    await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
    await expect(mainNav(page).getByRole('link', { name: 'Clients' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect(page.getByRole('banner').getByText(/^Shell Studio /)).toBeVisible();
    await mainNav(page).getByRole('link', { name: 'Clients' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Clients' })).toBeVisible();
    await expect(menuButton).toHaveAttribute('aria-expanded', 'false');

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test('the document is served with the Content-Security-Policy and the app breaks none of it', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) {
      violations.push(message.text());
    }
  });

  const response = await page.goto('/status');

  const csp = response?.headers()['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  await expect(page.getByRole('status')).not.toContainText('Checking');
  expect(violations).toEqual([]);
});

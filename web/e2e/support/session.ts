import { test, type Cookie, type Page } from '@playwright/test';
import { createConfirmedOwner, DEMO, signIn } from './accounts';

/** A United Kingdom account: the sign-up form takes the country from the browser's language, and times read as in London. */
export const UK = { locale: 'en-GB', timezoneId: 'Europe/London' } as const;

/** A short unique token, so names and searches in a shared account find only one test's data. */
export function token(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { level: 1, name });
}

/** Signs one owner up and in once for the whole file, and gives every test that owner's session. */
export function useOneSignedInOwner(label: string): void {
  shareOneSession(async (page) => {
    const owner = await createConfirmedOwner(page, page.request, label);
    await signIn(page, owner.email, owner.password);
  });
}

/** Signs the seeded demo clinic in once for the whole file, and gives every test its session. */
export function useTheDemoOwner(): void {
  shareOneSession((page) => signIn(page, DEMO.email, DEMO.password));
}

function shareOneSession(signInOnce: (page: Page) => Promise<void>): void {
  let sessionCookies: Cookie[] = [];

  test.beforeAll(async ({ browser }, testInfo) => {
    test.setTimeout(60_000);
    const { baseURL } = testInfo.project.use;
    const context = await browser.newContext({ ...UK, ...(baseURL === undefined ? {} : { baseURL }) });
    const page = await context.newPage();
    await signInOnce(page);
    sessionCookies = (await context.storageState()).cookies;
    await context.close();
  });

  test.beforeEach(async ({ context }) => {
    await context.addCookies(sessionCookies);
  });
}

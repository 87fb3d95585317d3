import { expect, type APIRequestContext, type Page } from '@playwright/test';

export interface TestOwner {
  businessName: string;
  ownerName: string;
  email: string;
  password: string;
}

interface SentEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  sentAt: string;
}

/** The demo clinic the test server seeds (Demo:Seed), as the README's "run the product" command does. */
export const DEMO = { email: 'demo@clientreminders.example', password: 'Reminders-Demo-2026' } as const;

/** A fresh owner per call, so runs never collide with each other or with old data. */
export function newOwner(label: string): TestOwner {
  const unique = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return {
    businessName: `${label} Studio ${unique}`,
    ownerName: 'Ada Lovelace',
    email: `e2e-${label.toLowerCase().replace(/[^a-z0-9]+/g, "-")}-${unique}@example.com`,
    password: `correct horse battery ${unique}`,
  };
}

/**
 * The newest link to `path` (e.g. "/confirm") in the dev email outbox for `email`, as a path on the app under test:
 * links are absolute, and the origin they name may differ from the one the browser uses.
 */
export async function linkFromOutbox(request: APIRequestContext, email: string, path: string, after?: string): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s"'<>]+${path.replace(/[-/]/g, '\\$&')}\\?token=[^\\s"'<>&]+`);
  let link: string | null = null;
  await expect
    .poll(
      async () => {
        const response = await request.get('/api/dev/emails');
        if (!response.ok()) {
          return null;
        }
        const messages = (await response.json()) as SentEmail[];
        const found = messages
          .filter((message) => message.to.toLowerCase().includes(email.toLowerCase()))
          .map((message) => pattern.exec(`${message.text}\n${message.html}`)?.[0] ?? null)
          .filter((candidate): candidate is string => candidate !== null && candidate !== after)
          .at(-1);
        link = found ?? null;
        return link;
      },
      { message: `a ${path} link in the outbox for ${email}`, timeout: 15_000 },
    )
    .not.toBeNull();
  const url = new URL(decodeEntities(link ?? ''));
  return `${url.pathname}${url.search}`;
}

function decodeEntities(text: string): string {
  return text.replaceAll('&amp;', '&');
}

export async function signUp(page: Page, owner: TestOwner): Promise<void> {
  await page.goto('/signup');
  await page.getByLabel('Business name').fill(owner.businessName);
  await page.getByLabel('Your name').fill(owner.ownerName);
  await page.getByLabel('Email address').fill(owner.email);
  await page.getByLabel('Password', { exact: true }).fill(owner.password);
  await page.getByRole('button', { name: 'Start free trial' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible();
}

/** Opens the emailed sign-up link, which creates the account and signs this browser in. */
export async function confirmFromOutbox(page: Page, request: APIRequestContext, owner: TestOwner): Promise<void> {
  await page.goto(await linkFromOutbox(request, owner.email, '/confirm'));
  await expect(page.getByRole('main').getByRole('link', { name: 'Go to your dashboard' })).toBeVisible();
}

/** A confirmed owner, signed out again (a fresh browser, as when they come back later), for tests that sign in themselves. */
export async function createConfirmedOwner(page: Page, request: APIRequestContext, label: string): Promise<TestOwner> {
  const owner = newOwner(label);
  await signUp(page, owner);
  await confirmFromOutbox(page, request, owner);
  await page.context().clearCookies();
  return owner;
}

/** Fills in the sign-in form on the current page. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await submitSignIn(page, email, password);
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText('You have signed out.')).toBeVisible();
}

import { expect, test, type APIRequestContext } from '@playwright/test';
import {
  confirmFromOutbox,
  createConfirmedOwner,
  linkFromOutbox,
  newOwner,
  signIn,
  signOut,
  signUp,
  submitSignIn,
} from './support/accounts';

const INCORRECT = 'Email or password is incorrect.';

/** How many sign-up links the dev outbox holds for `email`. */
async function confirmationLinksIn(request: APIRequestContext, email: string): Promise<number> {
  const messages = (await (await request.get('/api/dev/emails')).json()) as { to: string; text: string }[];
  return messages.filter((message) => message.to.toLowerCase().includes(email.toLowerCase()) && /\/confirm\?token=/.test(message.text)).length;
}

test.describe('an owner’s account from sign-up to closing it', () => {
  test.describe.configure({ mode: 'serial' });

  test('sign up, confirm, edit, change and reset the password, then close the account', async ({ page, request }) => {
    test.setTimeout(180_000);
    const owner = newOwner('Flow');
    const changedPassword = `${owner.password} changed`;
    const resetPassword = `${owner.password} reset`;
    const renamed = `${owner.businessName} Renamed`;

    await test.step('sign up, ask for the link again, and confirm from the emailed link, which signs the owner in', async () => {
      // The page's own clock, so the wait before a resend passes at once.
      await page.clock.install();
      await signUp(page, owner);
      const resend = page.getByRole('button', { name: 'Resend the link' });
      await expect(resend).toBeDisabled();
      await page.clock.fastForward(31_000);
      await expect(resend).toBeEnabled();
      await resend.click();
      await expect(page.getByRole('status')).toContainText(`We have sent a new link to ${owner.email}`);
      expect(await confirmationLinksIn(request, owner.email)).toBe(2);
      await confirmFromOutbox(page, request, owner);
      await page.getByRole('main').getByRole('link', { name: 'Go to your dashboard' }).click();
      await expect(page).toHaveURL(/\/dashboard$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
      await expect(page.getByRole('banner')).toContainText(owner.businessName);
    });

    await test.step('edit the business name and see it saved after a reload', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
      const profile = page.getByRole('region', { name: 'Profile' });
      await expect(profile).toContainText(owner.email);
      await profile.getByLabel('Business name').fill(renamed);
      await profile.getByRole('button', { name: 'Save profile' }).click();
      await expect(profile.getByRole('status').filter({ hasText: 'Your profile has been saved.' })).toBeVisible();

      await page.reload();
      await expect(page.getByRole('region', { name: 'Profile' }).getByLabel('Business name')).toHaveValue(renamed);
      await expect(page.getByRole('banner')).toContainText(renamed);
      await expect(page.getByRole('region', { name: 'Plan' })).toBeVisible();
      await expect(page.getByRole('progressbar', { name: /Text messages used/ })).toBeVisible();
    });

    await test.step('change the password', async () => {
      const password = page.getByRole('region', { name: 'Password' });
      await password.getByLabel('Current password', { exact: true }).fill(owner.password);
      await password.getByLabel('New password', { exact: true }).fill(changedPassword);
      await password.getByLabel('Confirm new password', { exact: true }).fill(changedPassword);
      await password.getByRole('button', { name: 'Change password' }).click();
      await expect(password.getByRole('status')).toContainText('Your password has been changed.');
    });

    await test.step('sign out, and sign in with the new password', async () => {
      await signOut(page);
      await signIn(page, owner.email, changedPassword);
      await signOut(page);
    });

    await test.step('reset the forgotten password from the emailed link', async () => {
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Reset your password' })).toBeVisible();
      await page.getByLabel('Email address').fill(owner.email);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await expect(page.getByRole('main').getByRole('status')).not.toBeEmpty();

      await page.goto(await linkFromOutbox(request, owner.email, '/reset-password'));
      await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible();
      await page.getByLabel('New password', { exact: true }).fill(resetPassword);
      await page.getByLabel('Confirm new password', { exact: true }).fill(resetPassword);
      await page.getByRole('button', { name: 'Save new password' }).click();
      await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
      await submitSignIn(page, owner.email, resetPassword);
      await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    });

    await test.step('close the account by typing the password', async () => {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      const closeAccount = page.getByRole('region', { name: 'Close account' });
      await closeAccount.getByLabel('Your password', { exact: true }).fill(resetPassword);
      await closeAccount.getByRole('button', { name: 'Close my account' }).click();

      await expect(page).toHaveURL(/\/closed$/);
      await expect(page.getByRole('heading', { level: 1, name: 'Your account is closed' })).toBeVisible();
      await expect(page.getByRole('main')).toContainText('within 7 days');
    });

    await test.step('the closed account can no longer sign in', async () => {
      await page.goto('/login');
      await submitSignIn(page, owner.email, resetPassword);
      await expect(page.getByRole('alert')).toContainText(INCORRECT);
    });
  });
});

test('a wrong password gets the same answer as an unknown email', async ({ page, request }) => {
  const owner = await createConfirmedOwner(page, request, 'Wrong');

  await page.goto('/login');
  await submitSignIn(page, owner.email, `${owner.password} wrong`);
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(INCORRECT);
  await expect(alert).toBeFocused();
  const forKnownEmail = await alert.innerText();

  await page.goto('/login');
  await submitSignIn(page, `nobody-${Date.now()}@example.com`, owner.password);
  await expect(page.getByRole('alert')).toContainText(INCORRECT);
  expect(await page.getByRole('alert').innerText()).toBe(forKnownEmail);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
});

test('an app page asks a signed-out visitor to sign in and returns there afterwards', async ({ page, request }) => {
  const owner = await createConfirmedOwner(page, request, 'Next');

  await page.goto('/settings');

  await expect(page).toHaveURL(/\/login\?next=%2Fsettings$/);
  await submitSignIn(page, owner.email, owner.password);
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});

test('the privacy page gives retention periods, breach notice, the cookie notice, and matches the product', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Footer' }).getByRole('link', { name: 'Privacy' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Privacy policy' })).toBeVisible();
  await expect(page).toHaveTitle(/Privacy/);
  const main = page.getByRole('main');
  await expect(main).toContainText('12 months');
  await expect(main).toContainText('72 hours');
  await expect(main).toContainText('__Host-session');
  await expect(main).toContainText('3 December 2026');
  // What the product really does: self-service export and deletion, what is encrypted, the sub-processors, the DPA.
  await expect(main.getByRole('link', { name: 'Everything we hold' }).first()).toHaveAttribute('href', '/data');
  await expect(main).toContainText('download everything we hold for your business');
  await expect(main).toContainText('delete or anonymise a client');
  await expect(main).toContainText('appointment titles, locations and notes');
  await expect(main.getByRole('listitem').filter({ hasText: 'Microsoft Azure' })).toBeVisible();
  await expect(main.getByRole('listitem').filter({ hasText: 'Azure Communication Services' })).toBeVisible();
  await expect(main.getByRole('heading', { level: 2, name: 'Data-processing agreement' })).toBeVisible();
  await expect(main).not.toContainText('in a portable file, contact');
});

test('the support form sends the message and says it is not stored', async ({ page }) => {
  await page.goto('/support');

  await expect(page.getByRole('heading', { level: 1, name: 'Contact support' })).toBeVisible();
  await page.getByLabel('Your name').fill('Grace Hopper');
  await page.getByLabel('Your email address').fill(`e2e-support-${Date.now()}@example.com`);
  await page.getByLabel('How can we help?').fill('How do I change when reminders go out?');
  await page.getByRole('button', { name: 'Send message' }).click();

  await expect(page.getByRole('status')).toContainText('not stored');
});

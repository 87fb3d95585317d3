import { expect, test } from '@playwright/test';
import { expectNoSeriousAccessibilityProblems } from './support/axe';
import { createConfirmedOwner, signIn } from './support/accounts';
import { screenshot } from './support/screenshots';
import { expectTheDashboardLooksFinished } from './support/dashboardLooks';
import { heading, UK } from './support/session';

test.use(UK);

test('a new owner follows the checklist: a client, an appointment, a test reminder, and sees it all on the dashboard', async ({ page }) => {
  const owner = await createConfirmedOwner(page, page.request, 'Dashboard');
  await signIn(page, owner.email, owner.password);

  const checklist = page.getByRole('region', { name: 'Get started' });
  await expect(checklist.getByText('0 of 4 steps done.')).toBeVisible();
  await expectNoSeriousAccessibilityProblems(page, 'the new dashboard');
  await screenshot(page, 'dashboard-new-account');

  await checklist.getByRole('link', { name: 'Add a client' }).click();
  await expect(heading(page, 'Add a client')).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill('Grace Hopper');
  await page.getByLabel('Mobile number').fill('07700 900123');
  await page.getByRole('button', { name: 'Add client' }).click();
  await expect(heading(page, 'Grace Hopper')).toBeVisible();

  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
  const date = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(tomorrow);
  // Booked from the client's page, which opens the form with the client chosen.
  await page.getByRole('region', { name: 'Appointments' }).getByRole('link', { name: 'New appointment with Grace Hopper' }).click();
  await expect(page.getByRole('radio', { name: /Grace Hopper/ })).toBeChecked();
  await page.getByLabel('Date', { exact: true }).fill(date);
  await page.getByLabel('Start time').fill('10:00');
  await page.getByLabel('End time').fill('11:00');
  await page.getByLabel('Title', { exact: true }).fill('Consultation');
  await page.getByRole('button', { name: 'Add appointment' }).click();
  await expect(heading(page, 'Appointment with Grace Hopper')).toBeVisible();

  await page.getByRole('banner').getByRole('link', { name: 'Dashboard' }).first().click();
  await expect(checklist.getByText('2 of 4 steps done.')).toBeVisible();
  const agenda = page.getByRole('region', { name: 'Today and the next 7 days' });
  await expect(agenda.getByRole('link', { name: 'Consultation' })).toBeVisible();
  await agenda.getByRole('link', { name: 'Grace Hopper' }).click();
  await expect(heading(page, 'Grace Hopper')).toBeVisible();
  const graces = page.getByRole('list', { name: 'Coming appointments with Grace Hopper' });
  await expect(graces.getByRole('link', { name: 'Consultation' })).toBeVisible();
  await page.goBack();

  await checklist.getByRole('button', { name: 'Send me a test' }).click();
  await expect(checklist.getByRole('status')).toContainText('A test email is on its way');
  await expect(checklist.getByText('3 of 4 steps done.')).toBeVisible();
  const usage = page.getByRole('region', { name: 'The last 30 days' });
  await expect(usage.getByRole('img', { name: /Emails: 1 of 500 emails/ })).toBeVisible();
  await expectNoSeriousAccessibilityProblems(page, 'the dashboard with an appointment');
  await expectTheDashboardLooksFinished(page);
});

test('the dashboard works at 360 px wide and from the keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  const owner = await createConfirmedOwner(page, page.request, 'Dashboard phone');
  await signIn(page, owner.email, owner.password);

  await expect(page.getByRole('region', { name: 'Get started' })).toBeVisible();
  // Measured once the page has settled: right as the dashboard renders, a frame can be a few pixels wider (seen 1 run in ~20).
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: /skip/i })).toBeFocused();
  await expectNoSeriousAccessibilityProblems(page, 'the dashboard at 360 px');
  await expectTheDashboardLooksFinished(page);
});

import { expect, test, type Page } from '@playwright/test';
import { heading, UK, useOneSignedInOwner } from './support/session';

test.use(UK);

useOneSignedInOwner('Calendars');

// What tests/FakeMicrosoftCloud/Program.cs seeds: scripts/test.sh starts it and points the API's Graph settings at it.
const MAILBOX = 'reception@contoso.example';
const CLIENT = 'Grace Hopper';
const MATCHED = 'Grace Hopper check-up';

function mailboxSection(page: Page) {
  return page.getByRole('region', { name: MAILBOX });
}

function reviewItem(page: Page, subject: string) {
  return page.getByRole('main').getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: subject, exact: true }) });
}

async function fitsTheScreen(page: Page, path: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, path).toBeLessThanOrEqual(0);
}

test('connect Outlook, choose a calendar, sync, review what matched no client, and disconnect', async ({ page }) => {
  test.setTimeout(120_000);
  const calendarsLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Calendars/ });

  await test.step('add the client named in one of the events', async () => {
    await page.goto('/clients/new');
    await expect(heading(page, 'Add a client')).toBeVisible();
    await page.getByLabel('Name', { exact: true }).fill(CLIENT);
    await page.getByLabel('Mobile number').fill('07700 900777');
    await page.getByRole('button', { name: 'Add client' }).click();
    await expect(heading(page, CLIENT)).toBeVisible();
  });

  await test.step('connect Outlook: Microsoft signs in and sends the browser back', async () => {
    await calendarsLink.click();
    await expect(heading(page, 'Calendars')).toBeVisible();
    const outlook = page.getByRole('region', { name: 'Outlook and Microsoft 365' });
    await expect(outlook).toContainText('No Outlook calendar is connected yet.');

    await outlook.getByRole('button', { name: 'Connect Outlook / Microsoft 365' }).click();

    await expect(page).toHaveURL(/\/calendars$/);
    const connected = page.getByRole('status').filter({ hasText: 'Your Outlook account is connected.' });
    await expect(connected).toBeVisible();
    await expect(connected).toBeFocused();
    await expect(mailboxSection(page).getByText('Connected', { exact: true })).toBeVisible();
  });

  await test.step('choose the Clinic calendar', async () => {
    const chooser = mailboxSection(page).getByRole('form', { name: `Calendars to read from ${MAILBOX}` });
    await expect(chooser.getByRole('checkbox', { name: 'Birthdays' })).not.toBeChecked();
    await chooser.getByRole('checkbox', { name: 'Clinic' }).check();
    await chooser.getByRole('button', { name: 'Save calendars' }).click();

    await expect(page.getByRole('status').filter({ hasText: `Saved: Clinic is read from ${MAILBOX}.` })).toBeFocused();
    await expect(mailboxSection(page).getByRole('checkbox', { name: 'Clinic' })).toBeChecked();
  });

  await test.step('sync now: one event matches the client, the others wait for review', async () => {
    const sync = page.getByRole('region', { name: 'Sync' });
    await sync.getByRole('button', { name: 'Sync now' }).click();

    await expect(sync.getByRole('status')).toHaveText('Sync finished: 1 of 1 calendar read.');
    await expect(calendarsLink).toHaveAccessibleName('Calendars, 5 calendar events to review');
    await expect(mailboxSection(page).getByText(/^Last read/)).toBeVisible();
    // The fake Microsoft cloud reached our notification URL, so Graph tells us of changes.
    await expect(mailboxSection(page).getByText(/^Last read/)).toContainText('Changes in Outlook arrive within seconds.');
  });

  await test.step('the matched appointment shows where it came from', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Appointments' }).click();
    await expect(heading(page, 'Appointments')).toBeVisible();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: new RegExp(`^${CLIENT}`) }) });
    await expect(card).toContainText(`From Outlook: Clinic`);
    await expect(card).toContainText(MATCHED);
    const link = card.getByRole('link', { name: /^Clinic/ });
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', /noopener/);
    await expect(link).toHaveAttribute('href', /^https:\/\/outlook\.office365\.com\//);
  });

  await test.step('its time, title and location are changed in Outlook; its notes here', async () => {
    await page.getByRole('listitem').getByRole('link', { name: new RegExp(`^${CLIENT}`) }).first().click();
    await expect(heading(page, `Appointment with ${CLIENT}`)).toBeVisible();
    const owned = page.getByRole('region', { name: 'Change this in Outlook' });
    await expect(owned).toContainText(MATCHED);
    await expect(owned.getByRole('link', { name: /^Clinic/ })).toHaveAttribute('href', /^https:\/\/outlook\.office365\.com\//);
    await expect(page.getByRole('textbox', { name: 'Title' })).toHaveCount(0);
    await page.getByLabel('Notes').fill('Bring the referral letter');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your changes have been saved.' })).toBeVisible();
    await expect(page.getByLabel('Notes')).toHaveValue('Bring the referral letter');
  });

  await test.step('on a phone the calendar pages fit the screen', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/calendars');
    await expect(mailboxSection(page).getByRole('form', { name: `Calendars to read from ${MAILBOX}` })).toBeVisible();
    await fitsTheScreen(page, '/calendars');
    await page.goto('/calendars/review');
    await expect(heading(page, 'Calendar events to review')).toBeVisible();
    await expect(reviewItem(page, 'Initial consultation')).toBeVisible();
    await fitsTheScreen(page, '/calendars/review');
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  await test.step('assign the weekly series to the client', async () => {
    await expect(reviewItem(page, 'Initial consultation')).toContainText('It matches none of your clients.');
    await expect(reviewItem(page, 'Weekly physio')).toHaveCount(3);
    const physio = reviewItem(page, 'Weekly physio').first();
    await expect(physio).toContainText('one of a recurring series');
    await expect(physio).toContainText('(Europe/London)');
    await expect(physio.getByRole('link', { name: /^Open in Outlook/ })).toHaveAttribute('rel', /noopener/);

    await physio.getByRole('button', { name: /^Assign to client…/ }).click();
    const form = page.getByRole('form', { name: 'Assign “Weekly physio” to a client' });
    await expect(form.getByLabel('Find a client')).toBeFocused();
    await form.getByLabel('Find a client').fill('Grace');
    await form.getByRole('radio', { name: new RegExp(CLIENT) }).check();
    await form.getByRole('radio', { name: 'Every event in the series' }).check();
    await form.getByRole('button', { name: 'Assign' }).click();

    await expect(page.getByRole('status').filter({ hasText: `“Weekly physio” is assigned to ${CLIENT}: 3 appointments added, with reminders.` })).toBeFocused();
    await expect(reviewItem(page, 'Weekly physio')).toHaveCount(0);
    await expect(calendarsLink).toHaveAccessibleName('Calendars, 2 calendar events to review');
  });

  await test.step('ignore another event', async () => {
    await reviewItem(page, 'Supplier call').getByRole('button', { name: /^Ignore/ }).click();

    await expect(page.getByRole('status').filter({ hasText: /^“Supplier call” on .* is ignored\.$/ })).toBeFocused();
    await expect(reviewItem(page, 'Supplier call')).toHaveCount(0);
    await expect(reviewItem(page, 'Initial consultation')).toHaveCount(1);
    await expect(calendarsLink).toHaveAccessibleName('Calendars, 1 calendar event to review');
  });

  await test.step('disconnect, cancelling the future appointments', async () => {
    await page.getByRole('link', { name: 'Back to calendars' }).click();
    await expect(heading(page, 'Calendars')).toBeVisible();
    const mailbox = mailboxSection(page);
    await mailbox.getByRole('button', { name: `Disconnect… ${MAILBOX}` }).click();
    const question = mailbox.getByRole('group', { name: `Disconnect ${MAILBOX}?` });
    await expect(question.getByRole('radio', { name: 'Cancel them, so no reminders are sent for them' })).toBeChecked();
    await question.getByRole('button', { name: 'Yes, disconnect' }).click();

    await expect(
      page.getByRole('status').filter({ hasText: `${MAILBOX} is disconnected, and 4 future appointments were cancelled with their reminders.` }),
    ).toBeFocused();
    await expect(mailboxSection(page)).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Outlook and Microsoft 365' })).toContainText('No Outlook calendar is connected yet.');

    await page.goto('/appointments');
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: new RegExp(`^${CLIENT}: ${MATCHED}`) }) });
    await expect(card).toContainText('Cancelled');
  });
});

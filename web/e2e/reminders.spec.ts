import { expect, test, type Page } from '@playwright/test';
import { heading, token, UK, useOneSignedInOwner } from './support/session';

test.use(UK);

useOneSignedInOwner('Reminders');

/** Today's date in London plus `days`, as YYYY-MM-DD, and how the app writes 10:30 on that day ("27 Nov 2026, 10:30"). */
function londonDay(days: number): { iso: string; at1030: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const [year, month, day] = today.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, (day ?? 1) + days, 10, 30));
  return {
    iso: date.toISOString().slice(0, 10),
    at1030: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(date),
  };
}

async function addClient(page: Page, name: string, contact: { mobile?: string; email?: string }) {
  await page.goto('/clients/new');
  await expect(heading(page, 'Add a client')).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(name);
  if (contact.mobile !== undefined) {
    await page.getByLabel('Mobile number').fill(contact.mobile);
  }
  if (contact.email !== undefined) {
    await page.getByLabel('Email').fill(contact.email);
  }
  await page.getByRole('button', { name: 'Add client' }).click();
  await expect(heading(page, name)).toBeVisible();
}

async function fillNewAppointment(page: Page, details: { client: string; date: string; start: string; end?: string; title: string }) {
  await page.goto('/appointments');
  await expect(heading(page, 'Appointments')).toBeVisible();
  await page.getByRole('link', { name: 'New appointment' }).click();
  await expect(heading(page, 'New appointment')).toBeVisible();
  await expect(page).toHaveTitle(/New appointment/);
  await expect(page.getByLabel('Time zone')).toHaveValue('Europe/London');
  await page.getByLabel('Find a client').fill(details.client);
  await page.getByRole('radio', { name: new RegExp(details.client) }).check();
  await page.getByLabel('Date', { exact: true }).fill(details.date);
  await page.getByLabel('Start time').fill(details.start);
  if (details.end !== undefined) {
    await page.getByLabel('End time').fill(details.end);
  }
  await page.getByLabel('Title', { exact: true }).fill(details.title);
  await page.getByRole('button', { name: 'Add appointment' }).click();
}

function rulesSection(page: Page) {
  return page.getByRole('region', { name: 'When reminders go out' });
}

async function addSmsRuleADayBefore(page: Page) {
  await page.goto('/reminders');
  await expect(heading(page, 'Reminders')).toBeVisible();
  await expect(page).toHaveTitle(/Reminders/);
  const rules = rulesSection(page);
  await rules.getByRole('button', { name: 'Add a rule' }).click();
  const form = rules.getByRole('form', { name: 'New rule' });
  await form.getByLabel('Send by').selectOption('sms');
  await form.getByLabel('How long before').fill('1');
  await form.getByLabel('Minutes, hours or days').selectOption('days');
  await form.getByLabel('Not before').fill('08:00');
  await form.getByLabel('Not after').fill('20:00');
  await form.getByRole('button', { name: 'Add rule' }).click();

  await expect(rules.getByRole('status').filter({ hasText: 'Rule added' })).toBeVisible();
  await expect(rules.getByRole('list', { name: 'Rules' })).toContainText('SMS, 1 day before, sent between 08:00 and 20:00');
}

test('a rule and an SMS template schedule a reminder that can be skipped, and the appointment cancelled', async ({ page }) => {
  test.setTimeout(90_000);
  const name = `Remind Me ${token()}`;
  const appointmentDay = londonDay(3);
  const reminderDue = londonDay(2).at1030;

  await test.step('add a client with a mobile number', async () => {
    await addClient(page, name, { mobile: '07700 900321' });
  });

  await test.step('add a rule: SMS 1 day before, between 08:00 and 20:00', async () => {
    await addSmsRuleADayBefore(page);
  });

  await test.step('edit the SMS template: an unknown placeholder shows where it is, a valid one shows the preview', async () => {
    const sms = page.getByRole('form', { name: 'SMS template' });
    const message = sms.getByRole('textbox', { name: 'SMS message' });

    await message.fill('Hi {ClientFirstName}, see you at {Foo}.');
    await expect(sms.getByRole('status').filter({ hasText: '{Foo}' })).toContainText(/line \d+, column \d+/i);

    await message.fill('Hi {ClientFirstName}, see you {DayOfWeek} at {Time}. Reply C to confirm.');
    await expect(sms.getByText(/^Hi Alex, see you/)).toBeVisible();
    await expect(sms.getByText(/· 1 segment$/)).toBeVisible();
    await expect(sms.getByRole('status').filter({ hasText: '{Foo}' })).toHaveCount(0);

    await sms.getByRole('button', { name: 'Save SMS template' }).click();
    await expect(sms.getByRole('status').filter({ hasText: 'The SMS template has been saved.' })).toBeVisible();
  });

  await test.step('create an appointment in 3 days at 10:30 and see its reminder the day before', async () => {
    await fillNewAppointment(page, { client: name, date: appointmentDay.iso, start: '10:30', title: 'Haircut' });

    await expect(heading(page, `Appointment with ${name}`)).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: `The appointment with ${name} has been added.` })).toBeVisible();
    const reminders = page.getByRole('list', { name: 'Reminders for this appointment' });
    await expect(reminders.getByRole('listitem')).toHaveCount(1);
    await expect(reminders).toContainText('SMS');
    await expect(reminders).toContainText(reminderDue);
    await expect(reminders).toContainText('Scheduled');
    await expect(page.getByRole('main')).toContainText('11:30');
  });

  await test.step('see it in the upcoming reminders and skip it', async () => {
    await page.goto('/reminders');
    const upcoming = page.getByRole('region', { name: 'Upcoming reminders' });
    const item = upcoming.getByRole('listitem').filter({ hasText: name });
    await expect(item).toContainText('SMS');
    await expect(item).toContainText(reminderDue);

    await item.getByRole('button', { name: /^Skip this one/ }).click();

    await expect(upcoming.getByRole('status')).toContainText(`The SMS reminder to ${name} will not be sent.`);
    await expect(item).toContainText('Skipped');
    await expect(item.getByRole('button', { name: /^Skip this one/ })).toHaveCount(0);
  });

  await test.step('the skipped reminder is listed under Messages', async () => {
    await page.goto('/messages?status=skipped');
    await expect(heading(page, 'Messages')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Skipped or cancelled', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('table').getByRole('row').filter({ hasText: name })).toContainText('Skipped');
  });

  await test.step('cancel the appointment after confirming', async () => {
    await page.getByRole('table').getByRole('link', { name }).first().click();
    await expect(heading(page, `Appointment with ${name}`)).toBeVisible();
    await expect(page.getByRole('list', { name: 'Reminders for this appointment' })).toContainText('Skipped');

    const cancel = page.getByRole('region', { name: 'Cancel appointment' });
    await cancel.getByRole('button', { name: 'Cancel appointment…' }).click();
    await cancel.getByRole('button', { name: 'Yes, cancel it' }).click();

    await expect(page.getByRole('status').filter({ hasText: 'The appointment has been cancelled' })).toBeVisible();
    await expect(page.locator('.appointment-facts')).toContainText('Cancelled');
    await expect(page.getByRole('region', { name: 'Cancel appointment' })).toHaveCount(0);

    await page.goto('/appointments');
    const card = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: new RegExp(name) }) });
    await expect(card).toContainText('Cancelled');
  });
});

test('an SMS reminder for a client without a mobile says at once it cannot be sent, and goes once a number is added', async ({ page }) => {
  test.setTimeout(90_000);
  const name = `No Mobile ${token()}`;
  await addSmsRuleADayBefore(page);

  await test.step('the client page warns that SMS reminders cannot reach them', async () => {
    await addClient(page, name, { email: `${name.replaceAll(' ', '.').toLowerCase()}@example.com` });
    await expect(page.getByRole('note').filter({ hasText: 'No mobile number.' })).toContainText(`Your SMS reminders cannot be sent to ${name}.`);
  });

  await test.step('the appointment lists its reminder as skipped, with a warning and the way to fix it', async () => {
    await fillNewAppointment(page, { client: name, date: londonDay(3).iso, start: '10:30', title: 'Assessment' });
    await expect(heading(page, `Appointment with ${name}`)).toBeVisible();
    const warning = page.getByRole('note').filter({ hasText: 'cannot be sent' });
    await expect(warning).toContainText('The client has no mobile number.');
    const reminders = page.getByRole('list', { name: 'Reminders for this appointment' });
    await expect(reminders).toContainText('Skipped');
    await expect(reminders).not.toContainText('Scheduled');
    await page.goto('/reminders');
    await expect(page.getByRole('region', { name: 'Upcoming reminders' }).getByRole('listitem').filter({ hasText: name })).toHaveCount(0);
    await page.goBack();
    await page.getByRole('note').getByRole('link', { name: `Add the missing details on ${name}’s page` }).click();
  });

  await test.step('adding the number schedules it', async () => {
    await expect(heading(page, name)).toBeVisible();
    await page.getByLabel('Mobile number').fill('07700 900654');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your changes have been saved.' })).toBeVisible();
    await expect(page.getByRole('note').filter({ hasText: 'No mobile number.' })).toHaveCount(0);

    await page.goto('/reminders');
    const upcoming = page.getByRole('region', { name: 'Upcoming reminders' }).getByRole('listitem').filter({ hasText: name });
    await expect(upcoming.first()).toContainText('SMS');
    await expect(upcoming.first()).toContainText('Scheduled');
    await upcoming.first().getByRole('link', { name }).click();
    await expect(page.getByRole('list', { name: 'Reminders for this appointment' })).not.toContainText('Skipped');
    await expect(page.getByRole('note').filter({ hasText: 'cannot be sent' })).toHaveCount(0);
  });
});

test('a rule and an appointment the API refuses show what is wrong next to the fields', async ({ page }) => {
  const name = `Refused ${token()}`;
  await addClient(page, name, { mobile: '07700 900654' });

  await test.step('a sending window that ends before it starts', async () => {
    await page.goto('/reminders');
    const rules = rulesSection(page);
    await rules.getByRole('button', { name: 'Add a rule' }).click();
    const form = rules.getByRole('form', { name: 'New rule' });
    await form.getByLabel('How long before').fill('2');
    await form.getByLabel('Minutes, hours or days').selectOption('hours');
    await form.getByLabel('Not before').fill('20:00');
    await form.getByLabel('Not after').fill('08:00');
    await form.getByRole('button', { name: 'Add rule' }).click();

    const summary = form.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeVisible();
    await expect(summary.getByRole('listitem').first()).toBeVisible();
    await expect(form.locator('[aria-invalid="true"]').first()).toBeVisible();
  });

  await test.step('an appointment that ends before it starts', async () => {
    await fillNewAppointment(page, { client: name, date: londonDay(4).iso, start: '10:30', end: '09:30', title: 'Backwards' });

    await expect(heading(page, 'New appointment')).toBeVisible();
    const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
    await expect(summary).toBeVisible();
    await expect(summary.getByRole('listitem').first()).toBeVisible();
    await expect(page.getByRole('main').locator('form [aria-invalid="true"]').first()).toBeVisible();
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('the reminders, appointment and messages pages fit the screen', async ({ page }) => {
    for (const [path, title] of [
      ['/reminders', 'Reminders'],
      ['/appointments/new', 'New appointment'],
      ['/appointments', 'Appointments'],
      ['/messages', 'Messages'],
    ] as const) {
      await page.goto(path);
      await expect(heading(page, title)).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
  });
});

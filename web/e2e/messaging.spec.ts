import { expect, test, type Page } from '@playwright/test';
import { createConfirmedOwner, signIn, type TestOwner } from './support/accounts';
import { expectNoSeriousAccessibilityProblems } from './support/axe';
import { addClient, localOutbox, simulateReply } from './support/messaging';
import { heading, token, UK } from './support/session';

test.use(UK);

const MOBILE = '07700 900123';
const MOBILE_DIGITS = '7700900123';


interface AppointmentJson {
  reminders: { id: string }[];
}

/** Each test has an owner of its own: clients share a mobile number, and the local outbox is per account. */
async function signedInOwner(page: Page, label: string): Promise<TestOwner> {
  const owner = await createConfirmedOwner(page, page.request, label);
  await signIn(page, owner.email, owner.password);
  return owner;
}


async function addRule(page: Page, channel: 'sms' | 'email', described: string) {
  await page.goto('/reminders');
  await expect(heading(page, 'Reminders')).toBeVisible();
  const rules = page.getByRole('region', { name: 'When reminders go out' });
  await rules.getByRole('button', { name: 'Add a rule' }).click();
  const form = rules.getByRole('form', { name: 'New rule' });
  await form.getByLabel('Send by').selectOption(channel);
  await form.getByLabel('How long before').fill('1');
  await form.getByLabel('Minutes, hours or days').selectOption('days');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(rules.getByRole('list', { name: 'Rules' })).toContainText(described);
}

/** Adds the appointment and returns its path, /appointments/{id}. */
async function addAppointment(page: Page, details: { client: string; date: string; start: string; end: string; title: string }): Promise<string> {
  await page.goto('/appointments/new');
  await expect(heading(page, 'New appointment')).toBeVisible();
  await expect(page.getByLabel('Time zone')).toHaveValue('Europe/London');
  await page.getByLabel('Find a client').fill(details.client);
  await page.getByRole('radio', { name: new RegExp(details.client) }).check();
  await page.getByLabel('Date', { exact: true }).fill(details.date);
  await page.getByLabel('Start time').fill(details.start);
  await page.getByLabel('End time').fill(details.end);
  await page.getByLabel('Title', { exact: true }).fill(details.title);
  await page.getByRole('button', { name: 'Add appointment' }).click();
  await expect(heading(page, `Appointment with ${details.client}`)).toBeVisible();
  return new URL(page.url()).pathname;
}

/** The local date (YYYY-MM-DD) and time (HH:mm) in London of an instant. */
function inLondon(instant: Date): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}


function replyItem(page: Page, text: string) {
  return page.getByRole('region', { name: 'Replies' }).getByRole('listitem').filter({ hasText: text });
}


test('a client’s text reply shows up for the owner under Replies', async ({ page }) => {
  test.setTimeout(90_000);
  await signedInOwner(page, 'Replies');
  const name = `Late Client ${token()}`;
  await addClient(page, { name, mobile: MOBILE });

  await simulateReply(page, MOBILE, 'Running 5 minutes late');

  const reply = replyItem(page, 'Running 5 minutes late');
  await expect(reply).toBeVisible({ timeout: 20_000 });
  await expect(reply.getByRole('link', { name })).toBeVisible();
  await expect(reply).toContainText('Message');
  await expect(reply).toContainText('Unread');

  await reply.getByRole('button', { name: /^Mark as read/ }).click();
  await expect(reply).not.toContainText('Unread');
  await expect(reply.getByRole('button', { name: /^Mark as read/ })).toHaveCount(0);
});

test('a client who replies STOP gets no more reminders, only the confirmation', async ({ page }) => {
  test.setTimeout(120_000);
  await signedInOwner(page, 'Stop');
  const name = `Stopping Client ${token()}`;
  const clientPath = await addClient(page, { name, mobile: MOBILE });
  await addRule(page, 'sms', 'SMS, 1 day before');

  const appointmentDay = inLondon(new Date(Date.now() + 3 * 24 * 60 * 60 * 1000)).date;
  const appointmentPath = await addAppointment(page, { client: name, date: appointmentDay, start: '10:30', end: '11:30', title: 'Haircut' });
  const reminders = page.getByRole('list', { name: 'Reminders for this appointment' });
  await expect(reminders.getByRole('listitem')).toHaveCount(1);
  await expect(reminders).toContainText('SMS');
  await expect(reminders).toContainText('Scheduled');
  const appointment = (await (await page.request.get(`/api${appointmentPath}`)).json()) as AppointmentJson;
  const reminderIds = appointment.reminders.map((reminder) => reminder.id);
  expect(reminderIds).toHaveLength(1);

  await test.step('the client texts STOP', async () => {
    await simulateReply(page, MOBILE, 'STOP');
    const reply = replyItem(page, 'STOP');
    await expect(reply).toBeVisible({ timeout: 20_000 });
    await expect(reply).toContainText('Stopped messages');
  });

  await test.step('the client shows as opted out', async () => {
    await expect(async () => {
      await page.goto(clientPath);
      await expect(heading(page, name)).toBeVisible();
      await expect(page.getByText('Opted out (replied STOP).')).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByText('Opted out', { exact: true })).toBeVisible();
  });

  await test.step('the scheduled reminder is called off, with a reason', async () => {
    await expect(async () => {
      await page.goto(appointmentPath);
      const item = page.getByRole('list', { name: 'Reminders for this appointment' }).getByRole('listitem');
      await expect(item).toContainText(/Cancelled|Skipped/, { timeout: 1_000 });
      await expect(item.locator('.reminder-timeline__reason')).not.toBeEmpty({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
  });

  await test.step('the local outbox holds the STOP confirmation and no reminder for the appointment', async () => {
    await expect
      .poll(
        async () =>
          (await localOutbox(page.request)).some(
            (message) => message.channel.toLowerCase() === 'sms' && message.to.replace(/\D/g, '').endsWith(MOBILE_DIGITS) && !reminderIds.includes(message.reminderId ?? ''),
          ),
        { message: 'an SMS to the client confirming STOP', timeout: 20_000 },
      )
      .toBe(true);
    const outbox = await localOutbox(page.request);
    expect(outbox.filter((message) => reminderIds.includes(message.reminderId ?? ''))).toEqual([]);
  });
});

test('a client unsubscribes from reminder emails from the link in one, without signing in', async ({ page, browser }, testInfo) => {
  test.setTimeout(150_000);
  const owner = await signedInOwner(page, 'Unsubscribe');
  const name = `Email Client ${token()}`;
  const email = `e2e-client-${token()}@example.com`;
  await addRule(page, 'email', 'Email, 1 day before');
  const clientPath = await addClient(page, { name, email });

  // An hour from now, so its reminder is due at once; after 23:00 it moves to 00:30 so it does not end the next day.
  const soon = inLondon(new Date(Date.now() + 60 * 60 * 1000));
  const start = soon.time >= '23:00' ? { date: inLondon(new Date(Date.now() + 3 * 60 * 60 * 1000)).date, time: '00:30' } : soon;
  const [hours = 0, minutes = 0] = start.time.split(':').map(Number);
  const endMinutes = hours * 60 + minutes + 30;
  const end = `${String(Math.floor(endMinutes / 60)).padStart(2, '0')}:${String(endMinutes % 60).padStart(2, '0')}`;
  await addAppointment(page, { client: name, date: start.date, start: start.time, end, title: 'Consultation' });

  let unsubscribePath = '';
  await expect
    .poll(
      async () => {
        const sent = (await localOutbox(page.request)).find(
          (message) => message.channel.toLowerCase() === 'email' && message.to.toLowerCase().includes(email.toLowerCase()),
        );
        // The footer's short link: /u/ and a 60-character token.
        const link = sent === undefined ? null : /(?:https?:\/\/[^\s"'<>]+)?\/u\/[A-Za-z0-9_-]{60}(?![A-Za-z0-9_-])/.exec(sent.body)?.[0] ?? null;
        if (link !== null) {
          const url = new URL(link, 'http://localhost');
          unsubscribePath = `${url.pathname}${url.search}`;
        }
        return unsubscribePath;
      },
      { message: `a reminder email to ${email} with an unsubscribe link`, timeout: 60_000 },
    )
    .toMatch(/^\/u\/[A-Za-z0-9_-]{60}$/);

  await test.step('open the link on a phone, signed out, and unsubscribe with the keyboard', async () => {
    const { baseURL } = testInfo.project.use;
    const context = await browser.newContext({ ...UK, ...(baseURL === undefined ? {} : { baseURL }), viewport: { width: 360, height: 740 } });
    try {
      expect(await context.cookies()).toEqual([]);
      const visitor = await context.newPage();
      await visitor.goto(unsubscribePath);
      await expect(heading(visitor, 'Unsubscribe from reminder emails')).toBeVisible();
      await expect(visitor.getByRole('heading', { level: 1 })).toHaveCount(1);
      await expect(visitor).toHaveTitle(/Unsubscribe from reminder emails/);
      await expect(visitor.getByText(`Stop reminder emails from ${owner.businessName}?`)).toBeVisible();
      // The business's page for its client: its name on top, none of our sign-in or trial links.
      await expect(visitor.getByRole('banner')).toHaveText(owner.businessName);
      await expect(visitor.getByRole('link', { name: /Sign in|Start free trial/ })).toHaveCount(0);
      const overflow = await visitor.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      const button = visitor.getByRole('button', { name: 'Unsubscribe' });
      await button.focus();
      await visitor.keyboard.press('Enter');

      await expect(visitor.getByRole('status').filter({ hasText: `You will no longer receive reminder emails from ${owner.businessName}.` })).toBeVisible();
      await expect(visitor.getByRole('button', { name: 'Unsubscribe' })).toHaveCount(0);

      await visitor.reload();
      await expect(visitor.getByText(/already unsubscribed/)).toBeVisible();
    } finally {
      await context.close();
    }
  });

  await test.step('the owner sees the client unsubscribed from email', async () => {
    await page.goto(clientPath);
    await expect(heading(page, name)).toBeVisible();
    // Exact: the conversation below, once it loads, also says why nothing can be sent ("The client unsubscribed from email.").
    await expect(page.getByText('Unsubscribed from email.', { exact: true })).toBeVisible();
    await expect(page.getByText(`Nothing can be sent to ${name} from here.`)).toContainText('The client unsubscribed from email.');
  });
});

test('a client answers from the link in a text reminder, on a phone, and the owner sees it', async ({ page, browser }, testInfo) => {
  test.setTimeout(150_000);
  const owner = await signedInOwner(page, 'Answer');
  const name = `Answering Client ${token()}`;
  await addRule(page, 'sms', 'SMS, 1 day before');
  await addClient(page, { name, mobile: MOBILE });

  const soon = inLondon(new Date(Date.now() + 60 * 60 * 1000));
  const start = soon.time >= '23:00' ? { date: inLondon(new Date(Date.now() + 3 * 60 * 60 * 1000)).date, time: '00:30' } : soon;
  const [hours = 0, minutes = 0] = start.time.split(':').map(Number);
  const endMinutes = hours * 60 + minutes + 30;
  const end = `${String(Math.floor(endMinutes / 60)).padStart(2, '0')}:${String(endMinutes % 60).padStart(2, '0')}`;
  const appointmentPath = await addAppointment(page, { client: name, date: start.date, start: start.time, end, title: 'Consultation' });

  let answerPath = '';
  await expect
    .poll(
      async () => {
        const sent = (await localOutbox(page.request)).find((message) => message.channel.toLowerCase() === 'sms' && message.to.endsWith(MOBILE_DIGITS));
        const link = sent === undefined ? null : /(?:https?:\/\/[^\s"'<>]+)?\/a\/[A-Za-z0-9_-]{66}(?![A-Za-z0-9_-])/.exec(sent.body)?.[0] ?? null;
        answerPath = link === null ? '' : new URL(link, 'http://localhost').pathname;
        return answerPath;
      },
      { message: 'a text reminder with an answer link', timeout: 60_000 },
    )
    .toMatch(/^\/a\/[A-Za-z0-9_-]{66}$/);

  await test.step('open the link on a phone, signed out, and ask to rearrange', async () => {
    const { baseURL } = testInfo.project.use;
    const context = await browser.newContext({ ...UK, ...(baseURL === undefined ? {} : { baseURL }), viewport: { width: 360, height: 740 } });
    try {
      const client = await context.newPage();
      await client.goto(answerPath);
      await expect(heading(client, 'Your appointment')).toBeVisible();
      await expect(client.getByRole('banner')).toHaveText(owner.businessName);
      await expect(client.getByText(`Your appointment with ${owner.businessName} is on`)).toBeVisible();
      await expectNoSeriousAccessibilityProblems(client, 'the answer page');
      const overflow = await client.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      await client.getByRole('button', { name: 'I need to rearrange' }).click();

      await expect(client.getByRole('status').filter({ hasText: 'the business will be in touch to find another time' })).toBeVisible();
      await expect(client.getByRole('button', { name: 'I need to rearrange' })).toHaveAttribute('aria-pressed', 'true');
    } finally {
      await context.close();
    }
  });

  await test.step('the owner sees the answer on the appointment and with the replies', async () => {
    await page.goto(appointmentPath);
    await expect(page.getByText('Needs to rearrange')).toBeVisible();
    await page.goto('/messages');
    await expect(page.getByRole('region', { name: 'Replies' }).getByText('Asked to rearrange from the link in a reminder.')).toBeVisible();
  });
});

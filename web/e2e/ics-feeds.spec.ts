import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { heading, UK, useOneSignedInOwner } from './support/session';

test.use(UK);

useOneSignedInOwner('Calendar feeds');

const CLIENT = 'Ada Lovelace';

/** A booking system's private iCalendar address, served on loopback (scripts/test.sh lets the API fetch 127.0.0.1 over http). */
function feed(): string {
  const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000);
  const day = tomorrow.toISOString().slice(0, 10).replaceAll('-', '');
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Booking system//EN',
    'BEGIN:VEVENT',
    'UID:check-up-1@booking.example',
    'DTSTAMP:20261101T090000Z',
    `DTSTART;TZID=Europe/London:${day}T150000`,
    `DTEND;TZID=Europe/London:${day}T154500`,
    `SUMMARY:${CLIENT} check-up`,
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:lunch-1@booking.example',
    'DTSTAMP:20261101T090000Z',
    `DTSTART;TZID=Europe/London:${day}T123000`,
    `DTEND;TZID=Europe/London:${day}T133000`,
    'SUMMARY:Team lunch',
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

let server: Server;
let address = '';

test.beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/private-7f3a9c/calendar.ics') {
      response.writeHead(200, { 'Content-Type': 'text/calendar; charset=utf-8' });
      response.end(feed());
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  address = `http://127.0.0.1:${(server.address() as AddressInfo).port}/private-7f3a9c/calendar.ics`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('add a calendar by its private address, see its appointment matched and its secret masked, then remove it', async ({ page }) => {
  test.setTimeout(90_000);

  await test.step('add the client the booking is for', async () => {
    await page.goto('/clients/new');
    await page.getByLabel('Name', { exact: true }).fill(CLIENT);
    await page.getByLabel('Mobile number').fill('07700 900555');
    await page.getByRole('button', { name: 'Add client' }).click();
    await expect(heading(page, CLIENT)).toBeVisible();
  });

  const feeds = page.getByRole('region', { name: 'Other calendars by address' });
  await test.step('add the booking system’s calendar', async () => {
    await page.goto('/calendars');
    await feeds.getByRole('button', { name: 'Add a calendar by address' }).click();
    const form = feeds.getByRole('form', { name: 'Add a calendar by its address' });
    await form.getByLabel('Calendar name').fill('Booking system');
    await form.getByLabel('Private address').fill(address);
    await form.getByRole('button', { name: 'Add calendar' }).click();

    await expect(page.getByText('Calendar added: Booking system.', { exact: false })).toBeVisible();
    const item = feeds.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Booking system' }) });
    await expect(item.getByText(/^Last synced /)).toBeVisible({ timeout: 30_000 });
    await expect(item).not.toContainText('private-7f3a9c');
    await expect(item).toContainText('http://127.0.0.1');
  });

  await test.step('the booking for the client is an appointment with its source; the other waits for review', async () => {
    await page.goto('/appointments');
    const row = page.getByRole('main').getByRole('listitem').filter({ hasText: `${CLIENT}` });
    await expect(row.first()).toContainText('From a calendar feed: Booking system');
    await page.goto('/calendars/review');
    await expect(page.getByRole('heading', { level: 2, name: 'Team lunch', exact: true })).toBeVisible();
  });

  await test.step('remove the calendar and cancel its future appointments', async () => {
    await page.goto('/calendars');
    const item = feeds.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Booking system' }) });
    await item.getByRole('button', { name: /^Remove/ }).click();
    await item.getByLabel('Also cancel its future appointments, so their reminders are not sent').check();
    await item.getByRole('button', { name: /^Yes, remove/ }).click();
    await expect(page.getByText('Calendar removed: Booking system. 1 future appointment was cancelled.')).toBeVisible();
  });
});

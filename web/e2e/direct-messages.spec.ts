import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { heading, token, UK, useOneSignedInOwner } from './support/session';

test.use(UK);

useOneSignedInOwner('Direct');

const TEXT = 'Hi {ClientFirstName}, we are closed on Monday.';

interface OutboxMessage {
  channel: string;
  to: string;
  body: string;
}

/** Adds the client and returns their page's path, /clients/{id}. */
async function addClient(page: Page, name: string, mobile: string): Promise<string> {
  await page.goto('/clients/new');
  await expect(heading(page, 'Add a client')).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Mobile number').fill(mobile);
  await page.getByRole('button', { name: 'Add client' }).click();
  await expect(heading(page, name)).toBeVisible();
  return new URL(page.url()).pathname;
}

async function localOutbox(request: APIRequestContext): Promise<OutboxMessage[]> {
  const response = await request.get('/api/dev/outbox');
  expect(response.status(), 'GET /api/dev/outbox').toBe(200);
  return (await response.json()) as OutboxMessage[];
}

function digits(mobile: string): string {
  return mobile.replace(/\D/g, '').replace(/^0/, '');
}

test('start a message from the Messages page: find a client there, and see the exact email before sending', async ({ page }) => {
  const unique = token();
  await addClient(page, `Dora Picked ${unique}`, '07700 900304');
  await page.goto('/messages');
  await page.getByRole('main').getByRole('link', { name: 'Send a message' }).click();

  const picker = page.getByRole('group', { name: 'Choose clients' });
  await picker.getByLabel('Find a client').fill(unique);
  // The search runs once typing pauses: tick in its results, not in the list shown before it.
  await expect(picker.getByRole('status')).toHaveText(`1 client found for “${unique}”.`);
  await picker.getByRole('checkbox', { name: new RegExp(`Dora Picked ${unique}`) }).check();
  await expect(page.getByRole('heading', { level: 2, name: 'To 1 client' })).toBeVisible();
  await page.getByRole('button', { name: 'Done choosing: write the message' }).click();
  await page.getByRole('radio', { name: 'SMS', exact: true }).check();
  await page.getByLabel('Start from').selectOption({ label: 'Closed today' });
  await page.getByLabel('Message', { exact: true }).fill('Hi {ClientFirstName}, we open at noon on Friday.');
  await expect(page.getByLabel('Start from')).toHaveValue('');

  await page.getByRole('button', { name: 'Continue' }).click();
  const sample = page.getByRole('group', { name: /^Send to 1 client/ }).getByRole('figure', { name: `Text message to Dora Picked ${unique}` });
  await expect(sample).toContainText('Hi Dora, we open at noon on Friday.');
});

test('send a direct message to the clients chosen in the list, then find it in History', async ({ page }) => {
  test.setTimeout(120_000);
  const unique = token();
  const clients = [
    { first: 'Anna', name: `Anna Direct ${unique}`, mobile: '07700 900301' },
    { first: 'Bram', name: `Bram Direct ${unique}`, mobile: '07700 900302' },
    { first: 'Cleo', name: `Cleo Direct ${unique}`, mobile: '07700 900303' },
  ];
  const [anna, bram, cleo] = clients as [(typeof clients)[number], (typeof clients)[number], (typeof clients)[number]];

  await test.step('add three clients with mobiles, and restrict one', async () => {
    for (const client of clients) {
      await addClient(page, client.name, client.mobile);
    }
    const privacy = page.getByRole('region', { name: 'Privacy' });
    await privacy.getByRole('button', { name: 'Restrict' }).click();
    await expect(privacy.getByRole('status')).toContainText(`${cleo.name} is restricted`);
  });

  await test.step('select them in the clients list', async () => {
    await page.goto('/clients');
    await expect(heading(page, 'Clients')).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search clients' }).fill(unique);
    await expect(page).toHaveURL(new RegExp(`[?&]search=${unique}`));
    await expect(page.getByRole('table').getByRole('rowgroup').last().getByRole('row')).toHaveCount(3);
    await page.getByRole('checkbox', { name: 'Select all on this page' }).check();
    for (const client of clients) {
      await expect(page.getByRole('checkbox', { name: `Select ${client.name}` })).toBeChecked();
    }
    await expect(page.getByText('3 clients selected.')).toBeVisible();
    await page.getByRole('link', { name: 'Send a message' }).click();
  });

  await test.step('compose, and see who gets it in the preview', async () => {
    await expect(heading(page, 'Send a message')).toBeVisible();
    await expect(page).toHaveTitle(/Send a message/);
    await expect(page.getByRole('heading', { level: 2, name: 'To 3 clients' })).toBeVisible();
    const recipients = page.getByRole('region', { name: 'To 3 clients' });
    for (const client of clients) {
      await expect(recipients).toContainText(client.name);
    }
    await expect(page.getByRole('radio', { name: 'SMS', exact: true })).toBeChecked();
    await page.getByLabel('Message', { exact: true }).fill(TEXT);

    const preview = page.getByRole('region', { name: 'Preview' });
    await expect(preview).toContainText('2 clients get this message.');
    await expect(preview).toContainText('1 client is skipped:');
    const skipped = preview.getByRole('list', { name: 'Skipped clients' }).getByRole('listitem');
    await expect(skipped).toHaveCount(1);
    await expect(skipped).toContainText(cleo.name);
    await expect(skipped).toContainText(/restricted/i);
    await expect(preview).toContainText(/In all: about \d+ SMS segments?\./);
  });

  await test.step('confirm, and send', async () => {
    await page.getByRole('button', { name: 'Continue' }).click();
    const question = page.getByRole('group', { name: /^Send to 2 clients, about \d+ SMS segments?\?$/ });
    await expect(question).toBeVisible();
    await expect(question.getByRole('figure', { name: `Text message to ${anna.name}` })).toContainText(`Hi ${anna.first}, we are closed on Monday.`);
    await question.getByRole('button', { name: 'Yes, send' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your message is on its way to 2 clients.' })).toBeVisible();
  });

  await test.step('the two messages arrive, each with the client’s first name', async () => {
    const expected = [anna, bram].map((client) => ({ to: digits(client.mobile), body: `Hi ${client.first}, we are closed on Monday.` }));
    await expect
      .poll(
        async () => {
          const outbox = await localOutbox(page.request);
          return expected.filter(({ to, body }) => outbox.some((message) => message.to.replace(/\D/g, '').endsWith(to) && message.body.includes(body))).length;
        },
        { message: 'personalised texts to Anna and Bram in the local outbox', timeout: 30_000 },
      )
      .toBe(2);
    const outbox = await localOutbox(page.request);
    expect(outbox.filter((message) => message.to.replace(/\D/g, '').endsWith(digits(cleo.mobile)))).toEqual([]);
  });

  await test.step('History lists them as direct messages, with the chart of the last 30 days', async () => {
    await page.getByRole('link', { name: 'See it in History' }).click();
    await expect(heading(page, 'Message history')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);

    // Sending finishes in the background: the list and the day's count may need a fresh look.
    await expect(async () => {
      await page.reload();
      await expect(heading(page, 'Message history')).toBeVisible();
      const rows = page.getByRole('table', { name: 'Messages, newest first' }).getByRole('rowgroup').last().getByRole('row');
      for (const client of [anna, bram]) {
        const row = rows.filter({ hasText: client.name });
        await expect(row).toHaveCount(1, { timeout: 2_000 });
        await expect(row).toContainText('Direct message', { timeout: 1_000 });
        await expect(row).toContainText('SMS', { timeout: 1_000 });
      }

      const daily = page.getByRole('region', { name: 'The last 30 days' });
      const chart = daily.getByRole('img');
      await expect(chart).toBeVisible({ timeout: 2_000 });
      await expect(chart).toHaveAttribute('aria-label', /^Messages sent in the last 30 days: \d+ sent/, { timeout: 1_000 });
      await expect(chart.locator('.daily-chart__bar--sent')).toHaveCount(30, { timeout: 1_000 });
      await daily.getByText('Show as a table').click();
      const days = daily.getByRole('table').getByRole('rowgroup').last().getByRole('row');
      await expect(days).toHaveCount(30, { timeout: 1_000 });
      // The last row is today; its first number is how many were sent.
      const todaySent = Number(await days.last().getByRole('cell').first().textContent());
      expect(todaySent).toBeGreaterThanOrEqual(2);
    }).toPass({ timeout: 30_000 });
  });
});

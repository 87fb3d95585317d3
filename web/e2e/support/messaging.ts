import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { heading } from './session';

/** What the local outbox (GET /api/dev/outbox) shows of a message a client got. */
export interface OutboxMessage {
  reminderId: string | null;
  channel: string;
  to: string;
  subject: string | null;
  body: string;
  sentAt: string;
}

/** Adds the client through the form and returns their page's path, /clients/{id}. */
export async function addClient(page: Page, client: { name: string; mobile?: string; email?: string }): Promise<string> {
  await page.goto('/clients/new');
  await expect(heading(page, 'Add a client')).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(client.name);
  if (client.mobile !== undefined) {
    await page.getByLabel('Mobile number').fill(client.mobile);
  }
  if (client.email !== undefined) {
    await page.getByLabel('Email address').fill(client.email);
  }
  await page.getByRole('button', { name: 'Add client' }).click();
  await expect(heading(page, client.name)).toBeVisible();
  return new URL(page.url()).pathname;
}

/** As if the client with mobile `from` had texted `text`, from the Messages page's local simulator. */
export async function simulateReply(page: Page, from: string, text: string) {
  await page.goto('/messages');
  await expect(heading(page, 'Messages')).toBeVisible();
  const simulator = page.getByRole('region', { name: 'Try a reply (local only)' });
  await simulator.getByLabel(/^From/).fill(from);
  await simulator.getByLabel('Their message').fill(text);
  await simulator.getByRole('button', { name: 'Send' }).click();
}

export async function localOutbox(request: APIRequestContext): Promise<OutboxMessage[]> {
  const response = await request.get('/api/dev/outbox');
  expect(response.status(), 'GET /api/dev/outbox').toBe(200);
  return (await response.json()) as OutboxMessage[];
}

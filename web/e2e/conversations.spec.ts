import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { createConfirmedOwner, signIn, type TestOwner } from './support/accounts';
import { addClient, localOutbox, simulateReply, type OutboxMessage } from './support/messaging';
import { heading, token, UK } from './support/session';

test.use(UK);

// A number no other account has (the demo clinic's clients use 07700 900xxx): a reply from a number two accounts share goes nowhere.
const SUBSCRIBER = String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0');
const MOBILE = `07449 ${SUBSCRIBER}`;
const E164 = `+447449${SUBSCRIBER}`;

interface SentEmail {
  to: string;
  subject: string;
  text: string;
}

/** The Event Grid webhook's secret, as scripts/test.sh gives the server under test. */
function eventGridSecret(): string {
  const secret = process.env.E2E_EVENTGRID_SECRET;
  if (secret === undefined || secret === '') {
    throw new Error('E2E_EVENTGRID_SECRET is not set: run the browser tests through scripts/test.sh, which gives the server its Event Grid secret.');
  }
  return secret;
}

/** What Azure Communication Services delivers through Event Grid: the documented event schema. */
async function postEvent(request: APIRequestContext, eventType: string, data: Record<string, unknown>) {
  const id = `e2e-${token()}`;
  const response = await request.post(`/api/webhooks/eventgrid?code=${encodeURIComponent(eventGridSecret())}`, {
    headers: { 'aeg-event-type': 'Notification' },
    data: [
      {
        id,
        topic: '/subscriptions/e2e/resourcegroups/e2e/providers/microsoft.communication/communicationservices/e2e',
        subject: `/phonenumber/${E164.slice(1)}`,
        data,
        eventType,
        dataVersion: '1.0',
        metadataVersion: '1',
        eventTime: new Date().toISOString(),
      },
    ],
  });
  expect(response.status(), `POST ${eventType}`).toBe(200);
}

function smsFromClient(request: APIRequestContext, text: string) {
  const messageId = `Incoming_${token()}`;
  return postEvent(request, 'Microsoft.Communication.SMSReceived', {
    messageId,
    from: E164.slice(1),
    to: '15555555555',
    message: text,
    receivedTimestamp: new Date().toISOString(),
    segmentCount: 1,
  });
}

async function alertEmails(request: APIRequestContext, owner: TestOwner): Promise<SentEmail[]> {
  const response = await request.get('/api/dev/emails');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as SentEmail[]).filter((email) => email.to === owner.email && email.text.includes('You get these emails at most'));
}

/** The one message the client's phone or inbox got with this text, once the send queue has run. */
async function receivedOnce(request: APIRequestContext, text: string): Promise<OutboxMessage> {
  await expect.poll(async () => (await localOutbox(request)).filter((message) => message.body.includes(text)).length, { timeout: 20_000 }).toBe(1);
  return (await localOutbox(request)).find((message) => message.body.includes(text))!;
}

function thread(page: Page, name: string) {
  return page.getByRole('list', { name: `Messages with ${name}, oldest first` });
}

test('a client’s text becomes a conversation: inbox, unread count, one alert, answered by text and by email, delivered, until they reply STOP', async ({ page }) => {
  test.setTimeout(180_000);
  const owner = await createConfirmedOwner(page, page.request, 'Conversations');
  await signIn(page, owner.email, owner.password);
  const name = `Fran Friday ${token()}`;
  const email = `fran-${token()}@example.com`;
  const clientPath = await addClient(page, { name, mobile: MOBILE, email });
  const navigation = page.getByRole('navigation', { name: 'Main' });

  await test.step('a free-text SMS through the Event Grid webhook lands in the inbox, unread and needing action', async () => {
    await smsFromClient(page.request, 'Can I move to Friday afternoon instead?');
    await page.goto('/conversations');
    await expect(heading(page, 'Conversations')).toBeVisible();
    await expect(navigation.getByRole('link', { name: 'Conversations (1 unread)' })).toBeVisible();
    const row = page.getByRole('listitem').filter({ hasText: name });
    await expect(row).toContainText('Unread');
    await expect(row).toContainText('Needs action');
    await expect(row).toContainText('Can I move to Friday afternoon instead?');
  });

  await test.step('the owner gets one alert email for it, naming the client but not what they wrote', async () => {
    await expect.poll(async () => (await alertEmails(page.request, owner)).length, { timeout: 20_000 }).toBe(1);
    const alert = (await alertEmails(page.request, owner))[0]!;
    expect(alert.subject).toBe('A client sent you a message');
    expect(alert.text).toContain(`${name} sent you a message that needs an answer.`);
    expect(alert.text).not.toContain('Friday afternoon');
  });

  await test.step('the client page shows the conversation, and reading it clears the unread count', async () => {
    await page.getByRole('link', { name }).click();
    await expect(heading(page, name)).toBeVisible();
    const message = thread(page, name).getByRole('listitem').filter({ hasText: 'Can I move to Friday afternoon instead?' });
    await expect(message).toContainText('Needs an answer');
    await expect(navigation.getByRole('link', { name: 'Conversations', exact: true })).toBeVisible({ timeout: 20_000 });
  });

  await test.step('the owner answers by text: the client’s phone gets it once, and the thread shows it delivered', async () => {
    const reply = page.getByRole('form', { name: `Reply to ${name}` });
    await reply.getByRole('radio', { name: 'SMS' }).check();
    await reply.getByLabel('Your reply').fill('Yes, Friday at 3pm works. See you then!');
    await reply.getByRole('button', { name: 'Send reply' }).click();
    await expect(reply.getByRole('status')).toContainText(`Reply sent to ${name} by text.`);

    const sent = await receivedOnce(page.request, 'Friday at 3pm works');
    expect(sent.to).toBe(E164);
    const me = (await (await page.request.get('/api/me')).json()) as { id: string };
    await postEvent(page.request, 'Microsoft.Communication.SMSDeliveryReportReceived', {
      messageId: `Outgoing_${token()}`,
      from: '15555555555',
      to: E164.slice(1),
      deliveryStatus: 'Delivered',
      deliveryStatusDetails: 'No error.',
      receivedTimestamp: new Date().toISOString(),
      Tag: `${me.id}/${sent.reminderId}`,
    });
    await page.reload();
    const answer = thread(page, name).getByRole('listitem').filter({ hasText: 'Yes, Friday at 3pm works.' });
    await expect(answer).toContainText('Your reply');
    await expect(answer).toContainText('Delivered');
    await expect(thread(page, name).getByRole('listitem').filter({ hasText: 'Can I move to Friday' })).not.toContainText('Needs an answer');
  });

  await test.step('a reply played with the local simulator joins the same conversation', async () => {
    await simulateReply(page, MOBILE, 'Thanks, see you Friday');
    // Handled before the simulator says "Sent": leaving the page earlier would cancel the request.
    await expect(page.getByRole('region', { name: 'Try a reply (local only)' }).getByRole('status')).toContainText('Sent.');
    await page.goto('/conversations?filter=unread');
    await expect(page.getByRole('listitem').filter({ hasText: name })).toContainText('Thanks, see you Friday');
    await page.goto(clientPath);
    await expect(thread(page, name).getByRole('listitem').filter({ hasText: 'Thanks, see you Friday' })).toBeVisible();
  });

  await test.step('the owner answers by email: it arrives once with the business as its subject', async () => {
    const reply = page.getByRole('form', { name: `Reply to ${name}` });
    await reply.getByRole('radio', { name: 'Email' }).check();
    await reply.getByLabel('Your reply').fill('Your invoice is attached to your booking.');
    await reply.getByRole('button', { name: 'Send reply' }).click();
    await expect(reply.getByRole('status')).toContainText(`Reply sent to ${name} by email.`);

    const sent = await receivedOnce(page.request, 'Your invoice is attached');
    expect(sent.to).toBe(email);
    expect(sent.subject).toBe(`A message from ${owner.businessName}`);
    await page.reload();
    const answer = thread(page, name).getByRole('listitem').filter({ hasText: 'Your invoice is attached' });
    await expect(answer).toContainText(`Subject: A message from ${owner.businessName}`);
    await expect(answer).toContainText('Sent');
  });

  await test.step('STOP shows the opt-out in the thread and no more replies can be sent, saying why', async () => {
    await smsFromClient(page.request, 'STOP');
    await page.reload();
    const conversation = page.getByRole('region', { name: 'Conversation' });
    await expect(thread(page, name).getByRole('listitem').filter({ hasText: 'You will no longer get messages' })).toBeVisible();
    await expect(conversation.getByRole('note')).toHaveText(`${name} replied STOP. Nothing more can be sent to them unless they text START.`);
    await expect(conversation.getByRole('form', { name: `Reply to ${name}` })).toHaveCount(0);
    // Still one alert email: the second message and the STOP wait for the next batch (at most one email every 15 minutes); the data summary counts them.
    expect(await alertEmails(page.request, owner)).toHaveLength(1);
    await expect
      .poll(async () => {
        const summary = (await (await page.request.get('/api/data-summary')).json()) as { categories: { key: string; count: number | null }[] };
        return summary.categories.find((category) => category.key === 'alerts')?.count;
      })
      .toBe(2);
  });
});

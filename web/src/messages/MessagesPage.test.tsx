import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, signedInOwner, stubApi } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';

function reply(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    id: 'reply-1',
    clientId: 'client-1',
    clientName: 'Ada Lovelace',
    kind: 'other',
    text: 'Running 5 minutes late',
    receivedAt: '2026-11-23T10:30:00Z',
    read: false,
    ...overrides,
  };
}

const signedIn = {
  'GET /api/me': () => jsonResponse(signedInOwner),
  'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
  'GET /api/reminders?status=sent': () => jsonResponse({ items: [] }),
};

async function renderMessages() {
  renderAppAt('/messages');
  await screen.findByRole('heading', { level: 1, name: 'Messages' });
}

function replies() {
  return within(screen.getByRole('region', { name: 'Replies' }));
}

describe('the replies on the messages page', () => {
  it('lists each reply with its client, a badge for what it asked and whether it is unread', async () => {
    stubApi({
      ...signedIn,
      'GET /api/replies': () =>
        jsonResponse({
          items: [
            reply({ id: 'r-stop', kind: 'stop', text: 'STOP', clientName: 'Stop Person', clientId: 'client-2' }),
            reply({ id: 'r-start', kind: 'start', text: 'START', read: true }),
            reply({ id: 'r-help', kind: 'help', text: 'HELP', read: true }),
            reply({ id: 'r-confirm', kind: 'confirm', text: 'C', read: true }),
            reply({ id: 'r-cancel', kind: 'cancel', text: 'X', read: true }),
            reply({ id: 'r-other', kind: 'something new', text: 'Running 5 minutes late' }),
          ],
        }),
    });
    await renderMessages();

    const list = await replies().findByRole('list', { name: 'Replies, newest first' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.tag')?.textContent)).toEqual([
      'Stopped messages',
      'Opted back in',
      'Asked for help',
      'Confirmed',
      'Wants to cancel',
      'Message',
    ]);
    expect(within(items[0]!).getByRole('link', { name: 'Stop Person' }).getAttribute('href')).toBe('/clients/client-2#conversation');
    expect(replies().getByRole('link', { name: 'Open Conversations' }).getAttribute('href')).toBe('/conversations');
    expect(within(items[0]!).getByText('Unread')).toBeTruthy();
    expect(within(items[1]!).queryByText('Unread')).toBeNull();
    expect(within(items[5]!).getByText('Running 5 minutes late')).toBeTruthy();
    expect(replies().getByText('2 unread replies.')).toBeTruthy();
    expect(replies().getAllByRole('button', { name: /^Mark as read/ })).toHaveLength(2);
  });

  it('marks a reply as read, and keeps focus on it', async () => {
    const fetchMock = stubApi({
      ...signedIn,
      'GET /api/replies': () => jsonResponse({ items: [reply()] }),
      'POST /api/replies/reply-1/read': () => new Response(null, { status: 204 }),
    });
    await renderMessages();

    await userEvent.click(await replies().findByRole('button', { name: 'Mark as read: the reply from Ada Lovelace' }));

    expect(await replies().findByText('The reply from Ada Lovelace is marked as read.')).toBeTruthy();
    expect(replies().queryByText('Unread')).toBeNull();
    expect(replies().queryByRole('button', { name: /^Mark as read/ })).toBeNull();
    expect(replies().getByText('All replies are read.')).toBeTruthy();
    expect(document.activeElement).toBe(replies().getByRole('listitem'));
    expect(fetchMock.mock.calls.some(([url, init]) => String(url) === '/api/replies/reply-1/read' && init?.method === 'POST')).toBe(true);
  });

  it('says when a reply could not be marked as read, and leaves it unread', async () => {
    stubApi({
      ...signedIn,
      'GET /api/replies': () => jsonResponse({ items: [reply()] }),
      'POST /api/replies/reply-1/read': () => jsonResponse({ title: 'Server error', status: 500 }, 500),
    });
    await renderMessages();

    await userEvent.click(await replies().findByRole('button', { name: /^Mark as read/ }));

    expect(await replies().findByText('Server error')).toBeTruthy();
    expect(replies().getByText('Unread')).toBeTruthy();
  });

  it('says so when nobody has replied yet, and hides the simulator where there is no local outbox', async () => {
    stubApi({ ...signedIn, 'GET /api/replies': () => jsonResponse({ items: [] }) });
    await renderMessages();

    expect(await replies().findByText(/No replies yet/)).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Sent reminders' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Try a reply (local only)' })).toBeNull();
  });

  it('sends a reply from the local simulator and lists it once it has arrived', async () => {
    let listed: unknown[] = [];
    const fetchMock = stubApi({
      ...signedIn,
      'GET /api/dev/outbox': () => jsonResponse([]),
      'GET /api/replies': () => jsonResponse({ items: listed }),
      'POST /api/dev/inbound-sms': () => {
        listed = [reply({ id: 'reply-new' })];
        return new Response(null, { status: 202 });
      },
    });
    await renderMessages();
    expect(await replies().findByText(/No replies yet/)).toBeTruthy();

    const simulator = within(await screen.findByRole('region', { name: 'Try a reply (local only)' }));
    await userEvent.type(simulator.getByLabelText('From (the client’s mobile number)'), '07700 900123');
    await userEvent.type(simulator.getByLabelText('Their message'), 'Running 5 minutes late');
    await userEvent.click(simulator.getByRole('button', { name: 'Send' }));

    expect(await simulator.findByText('Sent. The reply is listed above.')).toBeTruthy();
    expect(replies().getByRole('link', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(replies().getByText('Running 5 minutes late')).toBeTruthy();
    const [, init] = fetchMock.mock.calls.find(([url]) => String(url) === '/api/dev/inbound-sms') ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ from: '07700 900123', text: 'Running 5 minutes late' });
  });

  it('asks for the number and the text before sending a simulated reply', async () => {
    const fetchMock = stubApi({ ...signedIn, 'GET /api/dev/outbox': () => jsonResponse([]), 'GET /api/replies': () => jsonResponse({ items: [] }) });
    await renderMessages();

    const simulator = within(await screen.findByRole('region', { name: 'Try a reply (local only)' }));
    await userEvent.click(simulator.getByRole('button', { name: 'Send' }));

    expect(simulator.getByRole('alert').textContent).toContain('Enter the mobile number of one of your clients.');
    expect(fetchMock.mock.calls.some(([url]) => String(url) === '/api/dev/inbound-sms')).toBe(false);
  });
});

describe('long lists on the messages page', () => {
  it('shows ten reminders and ten replies at a time, so the page stays short on a phone', async () => {
    const sent = Array.from({ length: 23 }, (_, index) => ({
      id: `reminder-${index}`,
      appointmentId: `appt-${index}`,
      clientId: `client-${index}`,
      clientName: `Client ${String(index).padStart(2, '0')}`,
      channel: 'sms',
      dueAt: `2026-11-${String(index + 1).padStart(2, '0')}T09:00:00Z`,
      status: 'sent',
      reason: null,
      sentAt: `2026-11-${String(index + 1).padStart(2, '0')}T09:00:00Z`,
      deliveryStatus: 'delivered',
    }));
    stubApi({
      ...signedIn,
      'GET /api/reminders?status=sent': () => jsonResponse({ items: sent }),
      'GET /api/replies': () => jsonResponse({ items: Array.from({ length: 12 }, (_, index) => reply({ id: `reply-${index}` })) }),
    });
    await renderMessages();

    const reminders = within(await screen.findByRole('region', { name: 'Sent reminders' }));
    expect(reminders.getAllByRole('row')).toHaveLength(11);
    expect(reminders.getByText('Showing 10 of 23 reminders.')).toBeTruthy();
    await userEvent.click(reminders.getByRole('button', { name: 'Show 10 more reminders' }));
    expect(reminders.getAllByRole('row')).toHaveLength(21);
    await userEvent.click(reminders.getByRole('button', { name: 'Show 3 more reminders' }));
    expect(reminders.getAllByRole('row')).toHaveLength(24);
    expect(reminders.queryByRole('button', { name: /^Show \d+ more/ })).toBeNull();

    expect(await replies().findByText('Showing 10 of 12 replies.')).toBeTruthy();
    expect(replies().getAllByRole('listitem')).toHaveLength(10);
  });
});

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../lib/localTime';
import { clientFixture, jsonResponse, signedInOwner, stubApi } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';
import { AHEAD_DAYS, PAST_DAYS } from './ClientAppointments';

function privacy() {
  return within(screen.getByRole('region', { name: 'Privacy' }));
}

function appointment(id: string, date: string, title: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    clientId: 'client-1',
    clientName: 'Ada Lovelace',
    start: `${date}T10:30:00`,
    end: `${date}T11:30:00`,
    timeZone: signedInOwner.timeZone,
    title,
    location: null,
    notes: null,
    status: 'scheduled',
    response: null,
    reminders: [{ id: `${id}-r`, channel: 'sms', dueAt: `${date}T08:30:00Z`, status: 'scheduled', reason: null }],
    ...overrides,
  };
}

describe('the client page’s appointments', () => {
  it('lists the client’s coming appointments with their reminders and the recent past, and books a new one for them', async () => {
    const today = todayIn(signedInOwner.timeZone);
    const query = new URLSearchParams({ from: addDays(today, -PAST_DAYS), to: addDays(today, AHEAD_DAYS), clientId: 'client-1' });
    stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/clients/client-1': () => jsonResponse(clientFixture()),
      [`GET /api/appointments?${query.toString()}`]: () =>
        jsonResponse({
          items: [
            appointment('past', addDays(today, -14), 'Initial assessment', { status: 'completed', response: 'confirmed', reminders: [] }),
            appointment('next', addDays(today, 7), 'Follow-up'),
          ],
        }),
      'GET /api/clients?search=&pageSize=8': () => jsonResponse({ items: [clientFixture()], page: 1, pageSize: 8, total: 1 }),
    });
    renderAppAt('/clients/client-1');

    const section = within(await screen.findByRole('region', { name: 'Appointments' }));
    const coming = within(await section.findByRole('list', { name: 'Coming appointments with Ada Lovelace' }));
    expect(coming.getByRole('link', { name: 'Follow-up' }).getAttribute('href')).toBe('/appointments/next');
    expect(coming.getByRole('list', { name: /^Reminders for / })).toBeTruthy();
    const past = within(section.getByRole('list', { name: 'Past appointments with Ada Lovelace' }));
    expect(past.getByRole('link', { name: 'Initial assessment' }).getAttribute('href')).toBe('/appointments/past');
    expect(past.getByText('Confirmed')).toBeTruthy();

    await userEvent.click(section.getByRole('link', { name: 'New appointment with Ada Lovelace' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'New appointment' })).toBeTruthy();
    expect((screen.getByRole('radio', { name: /Ada Lovelace/ }) as HTMLInputElement).checked).toBe(true);
  });
});

describe('the client page’s privacy actions', () => {
  it('restricts a client and says what that means', async () => {
    stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'GET /api/clients/client-1': () => jsonResponse(clientFixture()),
      'POST /api/clients/client-1/restrict': () => jsonResponse(clientFixture({ status: 'restricted' })),
    });
    renderAppAt('/clients/client-1');
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });

    await userEvent.click(privacy().getByRole('button', { name: 'Restrict' }));

    expect(await privacy().findByRole('button', { name: 'Allow again' })).toBeTruthy();
    expect(privacy().getByRole('status').textContent).toContain('Ada Lovelace is restricted: nothing will be sent to them.');
    expect(screen.getByText('Restricted', { selector: '.tag' })).toBeTruthy();
  });

  it('deletes only after a second confirmation, then lists the clients with a message', async () => {
    const fetchMock = stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'GET /api/clients/client-1': () => jsonResponse(clientFixture()),
      'DELETE /api/clients/client-1': () => new Response(null, { status: 204 }),
      'GET /api/clients?page=1&pageSize=50': () => jsonResponse({ items: [], page: 1, pageSize: 50, total: 0 }),
    });
    renderAppAt('/clients/client-1');
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });

    await userEvent.click(privacy().getByRole('button', { name: 'Delete…' }));
    const question = privacy().getByRole('group', { name: /Delete Ada Lovelace, and every reminder and message/ });
    expect(document.activeElement?.textContent).toContain('This cannot be undone.');
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(false);
    await userEvent.click(within(question).getByRole('button', { name: 'Yes, delete' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Clients' })).toBeTruthy();
    expect(screen.getByTestId('path').textContent).toBe('/clients');
    expect(screen.getAllByRole('status').map((status) => status.textContent)).toContain(
      'Ada Lovelace has been deleted, with every reminder and message that named them.',
    );
  });

  it('cancelling the anonymise step sends nothing and puts focus back', async () => {
    const fetchMock = stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/clients/client-1': () => jsonResponse(clientFixture()),
    });
    renderAppAt('/clients/client-1');
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });

    await userEvent.click(privacy().getByRole('button', { name: 'Anonymise…' }));
    await userEvent.click(privacy().getByRole('button', { name: 'Cancel' }));

    expect(document.activeElement).toBe(privacy().getByRole('button', { name: 'Anonymise…' }));
    expect(fetchMock.mock.calls.every(([, init]) => (init?.method ?? 'GET') === 'GET')).toBe(true);
  });
});

describe('the client page’s messaging status', () => {
  it('explains that a client who replied STOP gets nothing, and that one who unsubscribed gets no emails', async () => {
    stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/clients/client-1': () => jsonResponse(clientFixture({ status: 'opted-out', emailOptedOut: true })),
    });
    renderAppAt('/clients/client-1');
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });

    expect(screen.getByText('Opted out', { selector: '.tag' })).toBeTruthy();
    expect(screen.getByText('Opted out (replied STOP).')).toBeTruthy();
    expect(screen.getByText('Unsubscribed from email.')).toBeTruthy();
  });

  it('says nothing extra for a client who gets everything', async () => {
    stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/clients/client-1': () => jsonResponse(clientFixture({ emailOptedOut: false })),
    });
    renderAppAt('/clients/client-1');
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });

    expect(screen.queryByText(/replied STOP/)).toBeNull();
    expect(screen.queryByText(/Unsubscribed from email/)).toBeNull();
  });
});

describe('the client page’s messages', () => {
  it('links to writing to this client and lists what was sent to them', async () => {
    stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/clients/client-1': () => jsonResponse(clientFixture()),
      'GET /api/history?clientId=client-1': () =>
        jsonResponse({
          items: [
            {
              id: 'h-1',
              kind: 'direct',
              clientId: 'client-1',
              clientName: 'Ada Lovelace',
              channel: 'sms',
              status: 'sent',
              deliveryStatus: null,
              reason: null,
              dueAt: null,
              sentAt: '2026-11-23T10:30:00Z',
              replies: 1,
            },
          ],
        }),
    });
    renderAppAt('/clients/client-1');
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });

    expect(screen.getByRole('link', { name: 'Send a message' }).getAttribute('href')).toBe('/messages/new?clients=client-1');
    const messages = within(screen.getByRole('region', { name: 'Messages' }));
    expect(await messages.findByText('Direct message')).toBeTruthy();
    expect(messages.getByText('1 reply')).toBeTruthy();
    expect(messages.queryByRole('columnheader', { name: 'Client' })).toBeNull();
  });
});

describe('the client page’s mobile number', () => {
  it('says why texts cannot reach a number saved before the checks, and offers it for editing as the owner reads it', async () => {
    stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/clients/client-1': () =>
        jsonResponse(
          clientFixture({
            mobile: '+442079460123',
            mobileDisplay: '020 7946 0123',
            mobileProblem: 'This looks like a landline: texts cannot reach it.',
          }),
        ),
    });
    renderAppAt('/clients/client-1');
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });

    expect(screen.getByRole('note').textContent).toBe(
      'Texts may not reach 020 7946 0123: This looks like a landline: texts cannot reach it. Check the number with your client.',
    );
    expect((screen.getByLabelText(/Mobile/) as HTMLInputElement).value).toBe('020 7946 0123');
  });

  it('shows no warning for a number texts can reach', async () => {
    stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/clients/client-1': () => jsonResponse(clientFixture({ mobileDisplay: '07700 900123', mobileProblem: null })),
    });
    renderAppAt('/clients/client-1');
    await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' });

    expect(screen.queryByText(/Texts may not reach/)).toBeNull();
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, signedInOwner, stubApi } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';
import { leaveForMicrosoft } from './leaveForMicrosoft';

vi.mock('./leaveForMicrosoft', () => ({ leaveForMicrosoft: vi.fn() }));

const defaults = { matchAttendeeEmail: true, matchNameInSubject: true, matchContactInText: true, createClients: false, includeAllDay: false, includeFree: false };

function connection(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    id: 'conn-1',
    kind: 'microsoft',
    mailbox: 'reception@contoso.example',
    status: 'connected',
    lookAheadDays: 30,
    connectedAt: '2026-11-20T09:00:00Z',
    calendars: [{ id: 'src-1', kind: 'microsoft', name: 'Clinic', matching: defaults, lastSyncAt: '2026-11-20T09:05:00Z', lastError: null }],
    ...overrides,
  };
}

function overview(overrides: Partial<Record<string, unknown>> = {}) {
  return { configured: true, reviewCount: 0, connections: [connection()], ...overrides };
}

const available = {
  calendars: [
    { externalId: 'cal-clinic', name: 'Clinic', selected: true, sourceId: 'src-1' },
    { externalId: 'cal-birthdays', name: 'Birthdays', selected: false, sourceId: null },
  ],
};

const base = {
  'GET /api/me': () => jsonResponse(signedInOwner),
  'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
  'GET /api/calendars/connections/conn-1/calendars': () => jsonResponse(available),
};

async function section(name: string) {
  return within(await screen.findByRole('region', { name }));
}

function sentBody(fetchMock: ReturnType<typeof stubApi>, method: string, url: string): unknown {
  const [, init] = fetchMock.mock.calls.find(([called, calledInit]) => String(called) === url && calledInit?.method === method) ?? [];
  return JSON.parse(String(init?.body));
}

describe('the calendars page', () => {
  it('says in plain words that Outlook is not available, with no operator settings and no connect button', async () => {
    stubApi({ ...base, 'GET /api/calendars': () => jsonResponse(overview({ configured: false, connections: [] })) });
    renderAppAt('/calendars');

    const outlook = await screen.findByRole('region', { name: 'Outlook and Microsoft 365' });
    expect(outlook.textContent).toContain('Outlook connection is not available on this server yet.');
    expect(outlook.textContent).not.toMatch(/Graph:|client id|secret/i);
    expect(within(outlook).queryByRole('button')).toBeNull();
  });

  it('with nothing connected says what to do, and the button sends the browser to Microsoft', async () => {
    stubApi({
      ...base,
      'GET /api/calendars': () => jsonResponse(overview({ connections: [] })),
      'POST /api/calendars/microsoft/connect': () => jsonResponse({ authorizeUrl: 'https://login.example/authorize?state=s' }),
    });
    renderAppAt('/calendars');

    const outlook = await screen.findByRole('region', { name: 'Outlook and Microsoft 365' });
    expect(outlook.textContent).toContain('No Outlook calendar is connected yet.');
    await userEvent.click(within(outlook).getByRole('button', { name: 'Connect Outlook / Microsoft 365' }));

    expect(leaveForMicrosoft).toHaveBeenCalledWith('https://login.example/authorize?state=s');
  });

  it('after a declined sign-in shows an alert with focus, and forgets it on reload', async () => {
    stubApi({ ...base, 'GET /api/calendars': () => jsonResponse(overview({ connections: [] })) });
    renderAppAt('/calendars?error=declined');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('access to your calendars was not allowed');
    expect(document.activeElement).toBe(alert);
    await waitFor(() => expect(screen.getByTestId('path').textContent).toBe('/calendars'));
    expect(alert.isConnected).toBe(true);
  });

  it('after connecting says so and lists the mailbox’s calendars with the chosen one ticked', async () => {
    stubApi({ ...base, 'GET /api/calendars': () => jsonResponse(overview()) });
    renderAppAt('/calendars?connected=conn-1');

    expect((await screen.findByText(/Your Outlook account is connected/)).closest('[role="status"]')).toBeTruthy();
    const mailbox = await section('reception@contoso.example');
    const form = within(await mailbox.findByRole('form', { name: 'Calendars to read from reception@contoso.example' }));
    expect((form.getByRole('checkbox', { name: 'Clinic' }) as HTMLInputElement).checked).toBe(true);
    expect((form.getByRole('checkbox', { name: 'Birthdays' }) as HTMLInputElement).checked).toBe(false);
    expect(form.getByText(/^Last read/).textContent).toContain('Changes in Outlook are picked up within a few minutes.');
  });

  it('says when Outlook tells the app of a calendar’s changes as they happen', async () => {
    const live = connection({
      calendars: [{ id: 'src-1', kind: 'microsoft', name: 'Clinic', matching: defaults, lastSyncAt: '2026-11-20T09:05:00Z', lastError: null, liveUpdates: true }],
    });
    stubApi({ ...base, 'GET /api/calendars': () => jsonResponse(overview({ connections: [live] })) });
    renderAppAt('/calendars');

    const mailbox = await section('reception@contoso.example');
    const form = within(await mailbox.findByRole('form', { name: 'Calendars to read from reception@contoso.example' }));
    expect(form.getByText(/^Last read/).textContent).toContain('Changes in Outlook arrive within seconds.');
  });

  it('sends matching options only for a newly chosen calendar, and asks before cancelling an unticked one’s appointments', async () => {
    const fetchMock = stubApi({
      ...base,
      'GET /api/calendars': () => jsonResponse(overview()),
      'PUT /api/calendars/connections/conn-1/calendars': () =>
        jsonResponse({ calendars: [{ ...available.calendars[1], selected: true, sourceId: 'src-2' }, { ...available.calendars[0], selected: false, sourceId: null }] }),
    });
    renderAppAt('/calendars');
    const form = within(await screen.findByRole('form', { name: /^Calendars to read from/ }));

    await userEvent.click(form.getByRole('checkbox', { name: 'Birthdays' }));
    const birthdays = within(form.getByRole('checkbox', { name: 'Birthdays' }).closest('li') as HTMLElement);
    await userEvent.click(birthdays.getByText('How events in Birthdays are matched to clients'));
    await userEvent.click(birthdays.getByRole('checkbox', { name: 'All-day events' }));
    await userEvent.click(form.getByRole('checkbox', { name: 'Clinic' }));
    await userEvent.click(form.getByRole('checkbox', { name: /Also cancel the future appointments that came from Clinic/ }));
    await userEvent.click(form.getByRole('button', { name: 'Save calendars' }));

    const saved = await screen.findByText(/^Saved: Birthdays is read from reception@contoso.example/);
    expect(document.activeElement).toBe(saved.closest('[role="status"]'));
    expect(sentBody(fetchMock, 'PUT', '/api/calendars/connections/conn-1/calendars')).toEqual({
      calendars: [
        { externalId: 'cal-clinic', selected: false },
        { externalId: 'cal-birthdays', selected: true, matching: { ...defaults, includeAllDay: true } },
      ],
      cancelFutureAppointments: true,
    });
  });

  it('a connection that needs reconnecting says so and its button signs in again for that connection', async () => {
    stubApi({
      ...base,
      'GET /api/calendars': () => jsonResponse(overview({ connections: [connection({ status: 'needs-reconnecting' })] })),
      'POST /api/calendars/microsoft/connect?reconnect=conn-1': () => jsonResponse({ authorizeUrl: 'https://login.example/authorize?state=r' }),
    });
    renderAppAt('/calendars');
    const mailbox = await section('reception@contoso.example');

    expect(await mailbox.findByText('Needs reconnecting')).toBeTruthy();
    await userEvent.click(mailbox.getByRole('button', { name: /^Reconnect/ }));

    expect(leaveForMicrosoft).toHaveBeenCalledWith('https://login.example/authorize?state=r');
  });

  it('when Microsoft refuses the calendar list, loads the connection again to show it needs reconnecting', async () => {
    let refused = false;
    stubApi({
      ...base,
      'GET /api/calendars': () => jsonResponse(overview({ connections: [connection({ status: refused ? 'needs-reconnecting' : 'connected' })] })),
      'GET /api/calendars/connections/conn-1/calendars': () => {
        refused = true;
        return jsonResponse({ status: 409, title: 'This calendar connection needs reconnecting.' }, 409);
      },
    });
    renderAppAt('/calendars');
    const mailbox = await section('reception@contoso.example');

    expect(await mailbox.findByText('Needs reconnecting')).toBeTruthy();
    expect(mailbox.getByRole('button', { name: /^Reconnect/ })).toBeTruthy();
  });

  it('refuses days ahead outside 1 to 90 without asking the server', async () => {
    const fetchMock = stubApi({ ...base, 'GET /api/calendars': () => jsonResponse(overview()) });
    renderAppAt('/calendars');
    const form = within(await screen.findByRole('form', { name: 'How far ahead to read reception@contoso.example' }));

    await userEvent.clear(form.getByLabelText('Days ahead'));
    await userEvent.type(form.getByLabelText('Days ahead'), '120');
    await userEvent.click(form.getByRole('button', { name: 'Save days ahead' }));

    expect(form.getByRole('alert').textContent).toContain('Enter a whole number of days from 1 to 90.');
    expect(form.getByLabelText('Days ahead').getAttribute('aria-invalid')).toBe('true');
    expect(fetchMock.mock.calls.some(([url, init]) => String(url) === '/api/calendars/connections/conn-1' && init?.method === 'PUT')).toBe(false);
  });

  it('syncs now and says how it went', async () => {
    stubApi({ ...base, 'GET /api/calendars': () => jsonResponse(overview()), 'POST /api/calendars/sync': () => jsonResponse({ calendars: 2, failed: 1 }) });
    renderAppAt('/calendars');
    const sync = await section('Sync');

    await userEvent.click(await sync.findByRole('button', { name: 'Sync now' }));

    expect((await sync.findByText(/^Sync finished/)).textContent).toBe('Sync finished: 1 of 2 calendars read. 1 could not be read; see the calendars below.');
  });

  it('disconnects only after asking about future appointments, then says how many were cancelled', async () => {
    let connected = true;
    const fetchMock = stubApi({
      ...base,
      'GET /api/calendars': () => jsonResponse(overview({ connections: connected ? [connection()] : [] })),
      'POST /api/calendars/connections/conn-1/disconnect': () => {
        connected = false;
        return jsonResponse({ cancelledAppointments: 4 });
      },
    });
    renderAppAt('/calendars');
    const mailbox = await section('reception@contoso.example');

    await userEvent.click(await mailbox.findByRole('button', { name: /^Disconnect…/ }));
    const question = within(mailbox.getByRole('group', { name: 'Disconnect reception@contoso.example?' }));
    expect((question.getByRole('radio', { name: 'Cancel them, so no reminders are sent for them' }) as HTMLInputElement).checked).toBe(true);
    await userEvent.click(question.getByRole('button', { name: 'Yes, disconnect' }));

    const done = await screen.findByText('reception@contoso.example is disconnected, and 4 future appointments were cancelled with their reminders.');
    expect(document.activeElement).toBe(done.closest('[role="status"]'));
    expect(sentBody(fetchMock, 'POST', '/api/calendars/connections/conn-1/disconnect')).toEqual({ cancelFutureAppointments: true });
    expect(await screen.findByText('No Outlook calendar is connected yet.')).toBeTruthy();
  });

  it('shows the review count in the navigation and a link to the review list', async () => {
    stubApi({ ...base, 'GET /api/calendars': () => jsonResponse(overview({ reviewCount: 3 })) });
    renderAppAt('/calendars');

    const nav = within(await screen.findByRole('navigation', { name: 'Main' }));
    expect(await nav.findByRole('link', { name: 'Calendars, 3 calendar events to review' })).toBeTruthy();
    expect(screen.getAllByRole('link', { name: /^Review them$/ })[0]?.getAttribute('href')).toBe('/calendars/review');
  });
});

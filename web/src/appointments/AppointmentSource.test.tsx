import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, signedInOwner, stubApi } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';

const appointment = {
  id: 'appt-1',
  clientId: 'client-1',
  clientName: 'Grace Hopper',
  start: '2026-11-24T10:00:00',
  end: '2026-11-24T11:00:00',
  timeZone: 'Europe/London',
  title: 'Grace Hopper check-up',
  location: null,
  notes: null,
  status: 'scheduled',
  reminders: [],
  source: { kind: 'microsoft', calendarName: 'Clinic', link: 'https://outlook.office365.com/owa/?itemid=1' },
};

describe('an appointment from Outlook', () => {
  it('says which calendar it came from in the list, linking to the event in a new tab', async () => {
    stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/appointments': () => jsonResponse({ items: [appointment, { ...appointment, id: 'appt-2', clientName: 'Ada Lovelace', source: null }] }),
    });
    renderAppAt('/appointments');

    // The whole app loads first (session, then the list): allow for a busy machine.
    const card = (await screen.findByRole('link', { name: /^Grace Hopper/ }, { timeout: 5000 })).closest('li') as HTMLElement;
    expect(card.textContent).toContain('From Outlook: Clinic');
    const link = within(card).getByRole('link', { name: /^Clinic/ });
    expect(link.getAttribute('href')).toBe('https://outlook.office365.com/owa/?itemid=1');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    const typedIn = (await screen.findByRole('link', { name: /^Ada Lovelace/ })).closest('li') as HTMLElement;
    expect(typedIn.textContent).not.toContain('From ');
  });

  it('shows its source on the appointment page', async () => {
    stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/appointments/appt-1': () => jsonResponse(appointment),
    });
    renderAppAt('/appointments/appt-1');

    await screen.findByRole('heading', { level: 1, name: 'Appointment with Grace Hopper' });
    const source = screen.getByText('Source').closest('div') as HTMLElement;
    expect(source.textContent).toContain('From Outlook: Clinic');
    expect(within(source).getByRole('link', { name: /^Clinic/ }).getAttribute('rel')).toContain('noopener');
  });

  it('keeps its time, title and location read-only, pointing to Outlook, while the client and notes can change', async () => {
    const fetchMock = stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/appointments/appt-1': () => jsonResponse(appointment),
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'PUT /api/appointments/appt-1': () => jsonResponse({ ...appointment, notes: 'Bring the photos' }),
    });
    renderAppAt('/appointments/appt-1');

    const owned = await screen.findByRole('region', { name: 'Change this in Outlook' });
    expect(owned.textContent).toContain('Grace Hopper check-up');
    expect(within(owned).getByRole('link', { name: /^Clinic/ }).getAttribute('href')).toBe('https://outlook.office365.com/owa/?itemid=1');
    expect(screen.queryByLabelText('Title')).toBeNull();
    expect(screen.queryByLabelText('Start time')).toBeNull();
    await userEvent.type(screen.getByLabelText(/^Notes/), 'Bring the photos');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await screen.findByRole('heading', { level: 1, name: 'Appointment with Grace Hopper' });
    const put = fetchMock.mock.calls.find(([url, init]) => String(url) === '/api/appointments/appt-1' && init?.method === 'PUT');
    expect(JSON.parse(String(put?.[1]?.body))).toMatchObject({
      clientId: 'client-1',
      start: '2026-11-24T10:00:00',
      end: '2026-11-24T11:00:00',
      timeZone: 'Europe/London',
      title: 'Grace Hopper check-up',
      notes: 'Bring the photos',
    });
  });
});

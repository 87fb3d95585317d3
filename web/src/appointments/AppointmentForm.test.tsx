import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { addHour, todayIn } from '../lib/localTime';
import { clientFixture, jsonResponse, signedInOwner, stubApi } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';

const owner = { ...signedInOwner, timeZone: 'America/New_York' };
const clients = { items: [clientFixture()], page: 1, pageSize: 10, total: 1 };

function requestBody(fetchMock: ReturnType<typeof stubApi>, method: string, url: string): unknown {
  const [, init] = fetchMock.mock.calls.find(([called, calledInit]) => String(called) === url && calledInit?.method === method) ?? [];
  return JSON.parse(String(init?.body));
}

async function openNewAppointment(routes: Parameters<typeof stubApi>[0] = {}) {
  const fetchMock = stubApi({
    'GET /api/me': () => jsonResponse(owner),
    'GET /api/clients?page=1&pageSize=10': () => jsonResponse(clients),
    ...routes,
  });
  renderAppAt('/appointments/new');
  await screen.findByRole('heading', { level: 1, name: 'New appointment' });
  return fetchMock;
}

describe('local times', () => {
  it('puts the end an hour after the start, wrapping past midnight', () => {
    expect(addHour('10:30')).toBe('11:30');
    expect(addHour('23:30')).toBe('00:30');
  });

  it('knows today’s date in a time zone', () => {
    expect(todayIn('Pacific/Auckland', new Date('2026-11-24T12:00:00Z'))).toBe('2026-11-25');
    expect(todayIn('America/New_York', new Date('2026-11-24T03:00:00Z'))).toBe('2026-11-23');
  });
});

describe('the appointment form', () => {
  it('starts in the account’s time zone from /api/me, today there, and ends an hour after the start', async () => {
    await openNewAppointment();

    expect(screen.getByLabelText<HTMLSelectElement>('Time zone').value).toBe('America/New_York');
    expect(screen.getByLabelText<HTMLInputElement>('Date').value).toBe(todayIn('America/New_York'));
    await userEvent.type(screen.getByLabelText('Start time'), '10:30');
    expect(screen.getByLabelText<HTMLInputElement>('End time').value).toBe('11:30');
  });

  it('stops moving the end once the owner sets it', async () => {
    await openNewAppointment();

    await userEvent.type(screen.getByLabelText('Start time'), '10:30');
    await userEvent.clear(screen.getByLabelText('End time'));
    await userEvent.type(screen.getByLabelText('End time'), '12:00');
    await userEvent.clear(screen.getByLabelText('Start time'));
    await userEvent.type(screen.getByLabelText('Start time'), '09:00');

    expect(screen.getByLabelText<HTMLInputElement>('End time').value).toBe('12:00');
  });

  it('asks for the client and the times before sending anything', async () => {
    const fetchMock = await openNewAppointment();

    await userEvent.click(screen.getByRole('button', { name: 'Add appointment' }));

    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Choose the client this appointment is with.');
    expect(summary.textContent).toContain('Enter the time it starts.');
    expect(screen.getByLabelText('Find a client').getAttribute('aria-invalid')).toBe('true');
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
  });

  it('creates the appointment with local times and opens it, showing its reminder', async () => {
    const created = {
      id: 'appt-1',
      clientId: 'client-1',
      clientName: 'Ada Lovelace',
      start: '2026-11-24T10:30:00',
      end: '2026-11-24T11:30:00',
      timeZone: 'America/New_York',
      title: 'Haircut',
      location: null,
      notes: null,
      status: 'scheduled',
      reminders: [{ id: 'rem-1', channel: 'sms', dueAt: '2026-11-23T15:30:00Z', status: 'scheduled', reason: null }],
    };
    const fetchMock = await openNewAppointment({
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'POST /api/appointments': () => jsonResponse(created, 201),
      'GET /api/appointments/appt-1': () => jsonResponse(created),
    });

    await userEvent.click(await screen.findByRole('radio', { name: /Ada Lovelace/ }));
    await userEvent.clear(screen.getByLabelText('Date'));
    await userEvent.type(screen.getByLabelText('Date'), '2026-11-24');
    await userEvent.type(screen.getByLabelText('Start time'), '10:30');
    await userEvent.type(screen.getByLabelText('Title'), 'Haircut');
    await userEvent.click(screen.getByRole('button', { name: 'Add appointment' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment with Ada Lovelace' })).toBeTruthy();
    expect(requestBody(fetchMock, 'POST', '/api/appointments')).toEqual({
      clientId: 'client-1',
      start: '2026-11-24T10:30:00',
      end: '2026-11-24T11:30:00',
      timeZone: 'America/New_York',
      title: 'Haircut',
      location: null,
      notes: null,
    });
    const reminders = within(screen.getByRole('list', { name: 'Reminders for this appointment' }));
    expect(reminders.getByText('SMS')).toBeTruthy();
    expect(reminders.getByText('Scheduled')).toBeTruthy();
  });

  it('shows the API’s refusal next to the end time', async () => {
    await openNewAppointment({
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'POST /api/appointments': () =>
        jsonResponse({ title: 'One or more validation errors occurred.', status: 400, errors: { End: ['It must end after it starts.'] } }, 400),
    });

    await userEvent.click(await screen.findByRole('radio', { name: /Ada Lovelace/ }));
    await userEvent.type(screen.getByLabelText('Start time'), '10:30');
    await userEvent.clear(screen.getByLabelText('End time'));
    await userEvent.type(screen.getByLabelText('End time'), '09:30');
    await userEvent.type(screen.getByLabelText('Title'), 'Haircut');
    await userEvent.click(screen.getByRole('button', { name: 'Add appointment' }));

    expect((await screen.findByRole('alert')).textContent).toContain('It must end after it starts.');
    expect(screen.getByLabelText('End time').getAttribute('aria-invalid')).toBe('true');
  });
});

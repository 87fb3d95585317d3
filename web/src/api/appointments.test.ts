import { describe, expect, it } from 'vitest';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import { appointmentsQueryString, cancelAppointment, createAppointment, listAppointments, updateAppointment } from './appointments';

const appointment = {
  id: 'appt-1',
  clientId: 'client-1',
  clientName: 'Ada Lovelace',
  start: '2026-11-24T10:30:00',
  end: '2026-11-24T11:30:00',
  timeZone: 'Europe/London',
  title: 'Haircut',
  location: null,
  notes: null,
  status: 'scheduled',
  reminders: [{ id: 'rem-1', channel: 'sms', dueAt: '2026-11-23T10:30:00Z', status: 'scheduled', reason: null }],
};

const details = {
  clientId: 'client-1',
  start: '2026-11-24T10:30:00',
  end: '2026-11-24T11:30:00',
  timeZone: 'Europe/London',
  title: ' Haircut ',
  location: '  ',
  notes: 'Bring the colour chart',
};

function sentBody(fetchMock: ReturnType<typeof stubApi>, method: string, url: string): unknown {
  const [, init] = fetchMock.mock.calls.find(([called, calledInit]) => String(called) === url && calledInit?.method === method) ?? [];
  return JSON.parse(String(init?.body));
}

describe('appointmentsQueryString', () => {
  it('is empty without a range, so the API uses today to 30 days on', () => {
    expect(appointmentsQueryString()).toBe('');
    expect(appointmentsQueryString({ from: '', to: '' })).toBe('');
  });

  it('sends the local dates it is given', () => {
    expect(appointmentsQueryString({ from: '2026-11-01', to: '2026-11-30' })).toBe('?from=2026-11-01&to=2026-11-30');
    expect(appointmentsQueryString({ from: '2026-11-01' })).toBe('?from=2026-11-01');
  });

  it('narrows to one client when asked', () => {
    expect(appointmentsQueryString({ from: '2026-08-01', to: '2027-12-01', clientId: 'client-1' })).toBe('?from=2026-08-01&to=2027-12-01&clientId=client-1');
  });
});

describe('appointments api', () => {
  it('lists the appointments in the range with their reminders', async () => {
    stubApi({ 'GET /api/appointments?from=2026-11-01&to=2026-11-30': () => jsonResponse({ items: [appointment] }) });

    const [first] = await listAppointments({ from: '2026-11-01', to: '2026-11-30' });

    expect(first).toMatchObject({ id: 'appt-1', start: '2026-11-24T10:30:00', timeZone: 'Europe/London', status: 'scheduled' });
    expect(first?.reminders).toEqual([{ id: 'rem-1', channel: 'sms', dueAt: '2026-11-23T10:30:00Z', status: 'scheduled', reason: null, missingContact: false }]);
  });

  it('says which reminders cannot go out for want of a number or address', async () => {
    const skipped = { id: 'rem-2', channel: 'sms', dueAt: '2026-11-23T10:30:00Z', status: 'skipped', reason: 'The client has no mobile number.', missingContact: true };
    stubApi({ 'GET /api/appointments?from=2026-11-01&to=2026-11-30': () => jsonResponse({ items: [{ ...appointment, reminders: [skipped] }] }) });

    const [first] = await listAppointments({ from: '2026-11-01', to: '2026-11-30' });

    expect(first?.reminders).toEqual([skipped]);
  });

  it('reads the client’s reply to a reminder, and none when there is none or it is unknown', async () => {
    stubApi({
      'GET /api/appointments': () =>
        jsonResponse({
          items: [
            { ...appointment, response: 'confirmed' },
            { ...appointment, id: 'appt-2', response: 'cancellation-requested' },
            { ...appointment, id: 'appt-3', response: null },
            { ...appointment, id: 'appt-4', response: 'maybe' },
          ],
        }),
    });

    const listed = await listAppointments();

    expect(listed.map((item) => item.response)).toEqual(['confirmed', 'cancellation-requested', null, null]);
  });

  it('creates an appointment with a trimmed title and blank optional text as null', async () => {
    const fetchMock = stubApi({
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'POST /api/appointments': () => jsonResponse(appointment, 201),
    });

    await createAppointment(details);

    expect(sentBody(fetchMock, 'POST', '/api/appointments')).toEqual({
      clientId: 'client-1',
      start: '2026-11-24T10:30:00',
      end: '2026-11-24T11:30:00',
      timeZone: 'Europe/London',
      title: 'Haircut',
      location: null,
      notes: 'Bring the colour chart',
    });
  });

  it('moves an appointment with PUT and cancels it with DELETE', async () => {
    const fetchMock = stubApi({
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'PUT /api/appointments/appt%2F1': () => jsonResponse(appointment),
      'DELETE /api/appointments/appt%2F1': () => new Response(null, { status: 204 }),
    });

    await updateAppointment('appt/1', { ...details, start: '2026-11-25T09:00:00', end: '2026-11-25T10:00:00' });
    await cancelAppointment('appt/1');

    expect(sentBody(fetchMock, 'PUT', '/api/appointments/appt%2F1')).toMatchObject({ start: '2026-11-25T09:00:00', end: '2026-11-25T10:00:00' });
    expect(fetchMock.mock.calls.some(([url, init]) => String(url) === '/api/appointments/appt%2F1' && init?.method === 'DELETE')).toBe(true);
  });
});

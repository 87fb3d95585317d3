import { describe, expect, it } from 'vitest';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import { parseAppointment } from './appointments';
import {
  assignReviewItem,
  chooseCalendars,
  disconnectCalendars,
  getCalendars,
  ignoreReviewItem,
  listReviewItems,
  startMicrosoftConnect,
  syncCalendarsNow,
} from './calendars';

const overviewFixture = {
  configured: true,
  reviewCount: 2,
  connections: [
    {
      id: 'conn-1',
      kind: 'microsoft',
      mailbox: 'reception@contoso.example',
      status: 'needs-reconnecting',
      lookAheadDays: 14,
      connectedAt: '2026-11-20T09:00:00+00:00',
      calendars: [
        {
          id: 'src-1',
          kind: 'microsoft',
          name: 'Clinic',
          matching: { matchAttendeeEmail: false, matchNameInSubject: true, matchContactInText: true, createClients: true, includeAllDay: false, includeFree: false },
          lastSyncAt: '2026-11-20T09:05:00+00:00',
          lastError: null,
        },
      ],
    },
  ],
};

const csrf = { 'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }) };

function sentBody(fetchMock: ReturnType<typeof stubApi>, url: string): unknown {
  const [, init] = fetchMock.mock.calls.find(([called]) => String(called) === url) ?? [];
  return JSON.parse(String(init?.body));
}

describe('calendars api', () => {
  it('reads the overview with each connection’s state and each calendar’s matching options', async () => {
    stubApi({ 'GET /api/calendars': () => jsonResponse(overviewFixture) });

    const overview = await getCalendars();

    expect(overview.reviewCount).toBe(2);
    expect(overview.connections[0]).toMatchObject({ mailbox: 'reception@contoso.example', status: 'needs-reconnecting', lookAheadDays: 14 });
    expect(overview.connections[0]?.calendars[0]?.matching).toEqual(overviewFixture.connections[0]?.calendars[0]?.matching);
  });

  it('refuses an overview without its list of connections', async () => {
    stubApi({ 'GET /api/calendars': () => jsonResponse({ configured: true }) });

    await expect(getCalendars()).rejects.toThrow('unexpected format');
  });

  it('starts a connection, or a reconnection, and gives back only an https sign-in address', async () => {
    stubApi({
      ...csrf,
      'POST /api/calendars/microsoft/connect': () => jsonResponse({ authorizeUrl: 'https://login.example/authorize?state=1' }),
      'POST /api/calendars/microsoft/connect?reconnect=conn%2F1': () => jsonResponse({ authorizeUrl: 'javascript:alert(1)' }),
    });

    expect(await startMicrosoftConnect()).toBe('https://login.example/authorize?state=1');
    await expect(startMicrosoftConnect('conn/1')).rejects.toThrow('unexpected format');
  });

  it('says why connecting is impossible when calendars are not configured', async () => {
    stubApi({
      ...csrf,
      'POST /api/calendars/microsoft/connect': () =>
        jsonResponse({ status: 409, title: 'Outlook calendars are not configured.', detail: 'This installation has no Microsoft application registered.' }, 409),
    });

    await expect(startMicrosoftConnect()).rejects.toThrow('This installation has no Microsoft application registered.');
  });

  it('sends the chosen calendars with the cancellation choice', async () => {
    const fetchMock = stubApi({
      ...csrf,
      'PUT /api/calendars/connections/conn-1/calendars': () =>
        jsonResponse({ calendars: [{ externalId: 'cal-1', name: 'Clinic', selected: true, sourceId: 'src-1' }] }),
    });

    const saved = await chooseCalendars('conn-1', [{ externalId: 'cal-1', selected: true }, { externalId: 'cal-2', selected: false }], true);

    expect(saved).toEqual([{ externalId: 'cal-1', name: 'Clinic', selected: true, sourceId: 'src-1' }]);
    expect(sentBody(fetchMock, '/api/calendars/connections/conn-1/calendars')).toEqual({
      calendars: [
        { externalId: 'cal-1', selected: true },
        { externalId: 'cal-2', selected: false },
      ],
      cancelFutureAppointments: true,
    });
  });

  it('disconnects and reports how many appointments were cancelled', async () => {
    const fetchMock = stubApi({ ...csrf, 'POST /api/calendars/connections/conn-1/disconnect': () => jsonResponse({ cancelledAppointments: 3 }) });

    expect(await disconnectCalendars('conn-1', true)).toBe(3);
    expect(sentBody(fetchMock, '/api/calendars/connections/conn-1/disconnect')).toEqual({ cancelFutureAppointments: true });
  });

  it('syncs now and reads how many calendars failed', async () => {
    stubApi({ ...csrf, 'POST /api/calendars/sync': () => jsonResponse({ calendars: 2, failed: 1 }) });

    expect(await syncCalendarsNow()).toEqual({ calendars: 2, failed: 1 });
  });

  it('lists review items and drops a link that is not a web address', async () => {
    stubApi({
      'GET /api/calendars/review': () =>
        jsonResponse({
          items: [
            {
              id: 'src-1:abc',
              sourceId: 'src-1',
              calendarName: 'Clinic',
              subject: 'Sam Lee massage',
              start: '2026-11-24T10:00:00',
              end: '2026-11-24T11:00:00',
              timeZone: 'Europe/London',
              location: '',
              webLink: 'javascript:alert(1)',
              reason: 'ambiguous',
              recurring: false,
              candidates: [{ id: 'c1', name: 'Sam Lee' }, { id: 'c2', name: 'Sam Lee' }, { name: 'no id' }],
            },
          ],
        }),
    });

    const [item] = await listReviewItems();

    expect(item).toMatchObject({ id: 'src-1:abc', reason: 'ambiguous', webLink: null, location: null });
    expect(item?.candidates).toEqual([
      { id: 'c1', name: 'Sam Lee' },
      { id: 'c2', name: 'Sam Lee' },
    ]);
  });

  it('assigns a series and ignores an event, with the id escaped in the address', async () => {
    const fetchMock = stubApi({
      ...csrf,
      'POST /api/calendars/review/src-1%3Aabc/assign': () => jsonResponse({ appointments: 3 }),
      'POST /api/calendars/review/src-1%3Aabc/ignore': () => jsonResponse({ appointments: 0 }),
    });

    expect(await assignReviewItem('src-1:abc', 'client-1', 'series')).toBe(3);
    expect(await ignoreReviewItem('src-1:abc', 'event')).toBe(0);
    expect(sentBody(fetchMock, '/api/calendars/review/src-1%3Aabc/assign')).toEqual({ clientId: 'client-1', scope: 'series' });
    expect(sentBody(fetchMock, '/api/calendars/review/src-1%3Aabc/ignore')).toEqual({ scope: 'event' });
  });
});

describe('an appointment’s source', () => {
  const appointment = { id: 'a-1', start: '2026-11-24T10:00:00', end: '2026-11-24T11:00:00' };

  it('is null for one typed in here', () => {
    expect(parseAppointment({ ...appointment, source: null }).source).toBeNull();
    expect(parseAppointment(appointment).source).toBeNull();
  });

  it('names the calendar and keeps only a web link to the event', () => {
    expect(parseAppointment({ ...appointment, source: { kind: 'microsoft', calendarName: 'Clinic', link: 'https://outlook.office365.com/owa/?itemid=1' } }).source).toEqual({
      kind: 'microsoft',
      calendarName: 'Clinic',
      link: 'https://outlook.office365.com/owa/?itemid=1',
    });
    expect(parseAppointment({ ...appointment, source: { kind: 'microsoft', calendarName: 'Clinic', link: 'javascript:alert(1)' } }).source?.link).toBeNull();
  });
});

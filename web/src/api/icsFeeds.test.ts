import { describe, expect, it } from 'vitest';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import { feedFixture } from '../test/icsFeedFixture';
import { ApiError } from './client';
import { addIcsFeed, changeIcsFeed, listIcsFeeds, maskedAddress, parseIcsFeed, removeIcsFeed, syncCalendarsNow } from './icsFeeds';

describe('iCalendar feeds api', () => {
  it('lists feeds as the API describes them', async () => {
    stubApi({ 'GET /api/calendars/ics': () => jsonResponse({ feeds: [feedFixture(), feedFixture({ id: 'feed-2', lastSyncAt: null, lastError: 'The calendar at https://p01-caldav.icloud.com/… answered 404 Not Found.' })] }) });

    const feeds = await listIcsFeeds();

    const { kind: _kind, ...expected } = feedFixture();
    expect(feeds).toEqual([
      expected,
      { ...expected, id: 'feed-2', lastSyncAt: null, lastError: 'The calendar at https://p01-caldav.icloud.com/… answered 404 Not Found.' },
    ]);
  });

  it.each([
    ['no id', feedFixture({ id: undefined })],
    ['another kind', feedFixture({ kind: 'microsoft' })],
    ['a matching option that is not a yes or no', feedFixture({ matching: { ...feedFixture().matching, includeFree: 'yes' } })],
    ['no matching', feedFixture({ matching: undefined })],
    ['a sync time that is not text', feedFixture({ lastSyncAt: 12 })],
    ['no word on whether the last sync failed', feedFixture({ lastSyncFailed: undefined })],
    ['no address', feedFixture({ address: undefined })],
  ])('refuses a feed with %s', (_what, body) => {
    expect(() => parseIcsFeed(body)).toThrow(ApiError);
  });

  it('never shows an address that is not masked', () => {
    expect(maskedAddress('https://calendar.google.com/…')).toBe('https://calendar.google.com/…');
    expect(maskedAddress('https://calendar.google.com/calendar/ical/private-secret/basic.ics')).toBe('https://calendar.google.com/…');
    expect(maskedAddress('not an address secret')).toBe('(hidden address)');
    expect(parseIcsFeed(feedFixture({ address: 'https://example.com/secret-token.ics' })).address).toBe('https://example.com/…');
  });

  it('adds, changes and removes feeds with the security token, sending only what changes', async () => {
    const fetchMock = stubApi({
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'POST /api/calendars/ics': () => jsonResponse(feedFixture(), 201),
      'PUT /api/calendars/ics/feed%2F1': () => jsonResponse(feedFixture({ name: 'Renamed' })),
      'DELETE /api/calendars/ics/feed%2F1': () => jsonResponse({ cancelledAppointments: 3 }),
      'POST /api/calendars/sync': () => jsonResponse({ calendars: 2, failed: 1 }),
    });

    await addIcsFeed({ name: ' Salon diary ', url: ' webcal://example.com/secret.ics ' });
    const renamed = await changeIcsFeed('feed/1', { name: 'Renamed' });
    const cancelled = await removeIcsFeed('feed/1', true);
    const synced = await syncCalendarsNow();

    const writes = fetchMock.mock.calls.filter(([, init]) => init?.method !== undefined && init.method !== 'GET');
    expect(writes.every(([, init]) => new Headers(init?.headers).get('X-CSRF-Token') === 'csrf-1')).toBe(true);
    expect(writes.map(([, init]) => JSON.parse(String(init?.body ?? 'null')) as unknown)).toEqual([
      { name: 'Salon diary', url: 'webcal://example.com/secret.ics', matching: null },
      { name: 'Renamed' },
      { cancelFutureAppointments: true },
      null,
    ]);
    expect(renamed.name).toBe('Renamed');
    expect(cancelled).toBe(3);
    expect(synced).toEqual({ calendars: 2, failed: 1 });
  });

  it('hands the field errors of a refused address to the form', async () => {
    stubApi({
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'POST /api/calendars/ics': () =>
        jsonResponse({ title: 'One or more validation errors occurred.', status: 400, errors: { url: ['Only https (or webcal) calendar addresses can be added.'] } }, 400),
    });

    const failure = await addIcsFeed({ name: 'Diary', url: 'http://example.com/a.ics' }).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).fieldErrors).toEqual({ url: ['Only https (or webcal) calendar addresses can be added.'] });
  });
});

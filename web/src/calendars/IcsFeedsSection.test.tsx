import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import { feedFixture } from '../test/icsFeedFixture';
import { IcsFeedsSection } from './IcsFeedsSection';

type Answer = (init?: RequestInit) => Response;

function routes(overrides: Record<string, Answer> = {}) {
  return stubApi({
    'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
    'GET /api/calendars/ics': () => jsonResponse({ feeds: [feedFixture()] }),
    'POST /api/calendars/sync': () => jsonResponse({ calendars: 1, failed: 0 }),
    ...overrides,
  });
}

function describedText(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

function bodiesOf(fetchMock: ReturnType<typeof stubApi>, method: string, url: string) {
  return fetchMock.mock.calls.filter(([called, init]) => String(called) === url && init?.method === method).map(([, init]) => JSON.parse(String(init?.body)) as unknown);
}

describe('the iCalendar feeds section', () => {
  it('lists each feed with its masked address, last sync and problem', async () => {
    routes({
      'GET /api/calendars/ics': () =>
        jsonResponse({
          feeds: [
            feedFixture(),
            feedFixture({ id: 'feed-2', name: 'Booking system', address: 'https://bookings.example.com/…', lastSyncAt: '2026-11-22T10:05:00Z', lastSyncFailed: true, lastError: 'The calendar at https://bookings.example.com/… answered 404 Not Found.' }),
          ],
        }),
    });

    render(<IcsFeedsSection timeZone="Europe/London" />);

    const list = await screen.findByRole('list', { name: 'Calendars added by address' });
    const [salon, bookings] = within(list).getAllByRole('listitem');
    expect(within(salon!).getByRole('heading', { name: 'Salon diary' })).toBeTruthy();
    expect(within(salon!).getByText('https://calendar.google.com/…')).toBeTruthy();
    expect(within(salon!).getByText(/^Last synced /)).toBeTruthy();
    expect(bookings!.textContent).toMatch(/Sync failed .*answered 404 Not Found/);
  });

  it('never shows a failed sync as "Last synced": it says it failed, why, and when the calendar was last read', async () => {
    routes({
      'GET /api/calendars/ics': () =>
        jsonResponse({
          feeds: [
            feedFixture({ lastSyncAt: '2026-11-22T10:05:00Z', lastSuccessAt: '2026-11-22T09:05:00Z', lastSyncFailed: true, lastError: 'The calendar answered 404 Not Found.' }),
            feedFixture({ id: 'feed-2', name: 'Never read', lastSyncAt: '2026-11-22T10:05:00Z', lastSuccessAt: null, lastSyncFailed: true, lastError: 'The calendar answered 404 Not Found.' }),
            feedFixture({ id: 'feed-3', name: 'With a note', lastError: '2 events could not be read and were skipped.' }),
          ],
        }),
    });

    render(<IcsFeedsSection timeZone="Europe/London" />);

    const list = await screen.findByRole('list', { name: 'Calendars added by address' });
    const [failed, never, noted] = within(list).getAllByRole('listitem');
    expect(failed!.textContent).not.toContain('Last synced');
    expect(failed!.textContent).toMatch(/Sync failed .*10:05.*answered 404 Not Found/);
    expect(failed!.textContent).toMatch(/Last read successfully .*9:05/);
    expect(never!.textContent).not.toContain('Last synced');
    expect(never!.textContent).toContain('It has not been read yet, so none of its events have come in.');
    expect(noted!.textContent).toMatch(/Last synced .*9:05/);
    expect(noted!.textContent).toContain('Note: 2 events could not be read and were skipped.');
  });

  it('adds a feed, shows the address problem the API finds next to the field, then syncs', async () => {
    let attempts = 0;
    const fetchMock = routes({
      'GET /api/calendars/ics': () => jsonResponse({ feeds: [] }),
      'POST /api/calendars/ics': () =>
        ++attempts === 1
          ? jsonResponse({ title: 'One or more validation errors occurred.', status: 400, errors: { url: ['Only https (or webcal) calendar addresses can be added.'] } }, 400)
          : jsonResponse(feedFixture({ name: 'Google diary' }), 201),
    });
    const onChanged = vi.fn();
    render(<IcsFeedsSection onChanged={onChanged} />);
    await screen.findByText('No calendars added by address yet.');

    await userEvent.click(screen.getByRole('button', { name: 'Add a calendar by address' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add calendar' }));
    expect(describedText(screen.getByLabelText('Calendar name'))).toMatch(/Give the calendar a name/);
    expect(bodiesOf(fetchMock, 'POST', '/api/calendars/ics')).toEqual([]);

    await userEvent.type(screen.getByLabelText('Calendar name'), 'Google diary');
    await userEvent.type(screen.getByLabelText('Private address'), 'http://calendar.example.com/secret.ics');
    await userEvent.click(screen.getByRole('button', { name: 'Add calendar' }));
    await waitFor(() => expect(describedText(screen.getByLabelText('Private address'))).toMatch(/Only https \(or webcal\)/));

    await userEvent.clear(screen.getByLabelText('Private address'));
    await userEvent.type(screen.getByLabelText('Private address'), 'webcal://calendar.example.com/secret.ics');
    await userEvent.click(screen.getByRole('checkbox', { name: 'Include all-day events' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add calendar' }));

    expect(await screen.findByText(/Calendar added: Google diary/)).toBeTruthy();
    expect(bodiesOf(fetchMock, 'POST', '/api/calendars/ics')[1]).toEqual({
      name: 'Google diary',
      url: 'webcal://calendar.example.com/secret.ics',
      matching: { ...feedFixture().matching, includeAllDay: true },
    });
    await waitFor(() => expect(fetchMock.mock.calls.some(([url]) => String(url) === '/api/calendars/sync')).toBe(true));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(2));
  });

  it('renames a feed and keeps its address unless a new one is pasted', async () => {
    const fetchMock = routes({ 'PUT /api/calendars/ics/feed-1': () => jsonResponse(feedFixture({ name: 'Studio' })) });
    render(<IcsFeedsSection />);

    await userEvent.click(await screen.findByRole('button', { name: /^Change\s*Salon diary$/ }));
    await userEvent.clear(screen.getByLabelText('Calendar name'));
    await userEvent.type(screen.getByLabelText('Calendar name'), 'Studio');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Calendar saved: Studio.')).toBeTruthy();
    expect(bodiesOf(fetchMock, 'PUT', '/api/calendars/ics/feed-1')).toEqual([{ name: 'Studio', matching: feedFixture().matching }]);
  });

  it.each([
    [false, 'Calendar removed: Salon diary. Its appointments were kept.'],
    [true, 'Calendar removed: Salon diary. 2 future appointments were cancelled.'],
  ])('asks before removing a feed and whether to cancel its future appointments (%s)', async (cancel, notice) => {
    const fetchMock = routes({ 'DELETE /api/calendars/ics/feed-1': () => jsonResponse({ cancelledAppointments: cancel ? 2 : 0 }) });
    render(<IcsFeedsSection />);

    await userEvent.click(await screen.findByRole('button', { name: /^Remove…\s*Salon diary$/ }));
    const question = screen.getByRole('group', { name: /Remove “Salon diary”\?/ });
    if (cancel) {
      await userEvent.click(within(question).getByRole('checkbox', { name: /Also cancel its future appointments/ }));
    }
    await userEvent.click(within(question).getByRole('button', { name: 'Yes, remove' }));

    expect(await screen.findByText(notice)).toBeTruthy();
    expect(bodiesOf(fetchMock, 'DELETE', '/api/calendars/ics/feed-1')).toEqual([{ cancelFutureAppointments: cancel }]);
  });
});

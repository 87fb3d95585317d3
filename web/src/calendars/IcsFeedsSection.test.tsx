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
            feedFixture({ id: 'feed-2', name: 'Booking system', address: 'https://bookings.example.com/…', lastSyncAt: null, lastError: 'The calendar at https://bookings.example.com/… answered 404 Not Found.' }),
          ],
        }),
    });

    render(<IcsFeedsSection timeZone="Europe/London" />);

    const list = await screen.findByRole('list', { name: 'Calendars added by address' });
    const [salon, bookings] = within(list).getAllByRole('listitem');
    expect(within(salon!).getByRole('heading', { name: 'Salon diary' })).toBeTruthy();
    expect(within(salon!).getByText('https://calendar.google.com/…')).toBeTruthy();
    expect(within(salon!).getByText(/^Last synced /)).toBeTruthy();
    expect(within(bookings!).getByText('Not synced yet.')).toBeTruthy();
    expect(within(bookings!).getByText(/answered 404 Not Found/)).toBeTruthy();
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

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { Reminder } from '../api/reminders';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import { UpcomingReminders } from './UpcomingReminders';

function reminder(n: number): Reminder {
  return {
    id: `rem-${n}`,
    appointmentId: `appt-${n}`,
    clientId: `client-${n}`,
    clientName: `Client ${n}`,
    channel: 'sms',
    dueAt: `2026-12-${String(10 + n).padStart(2, '0')}T09:00:00Z`,
    status: 'scheduled',
    reason: null,
    sentAt: null,
    deliveryStatus: null,
  };
}

describe('upcoming reminders', () => {
  it('shows the first page and adds the next when asked, until there is no more', async () => {
    const fetchMock = stubApi({
      'GET /api/reminders?status=scheduled': () => jsonResponse({ items: [reminder(1), reminder(2)], nextCursor: 'page-2' }),
      'GET /api/reminders?status=scheduled&after=page-2': () => jsonResponse({ items: [reminder(3)], nextCursor: null }),
    });
    render(
      <MemoryRouter>
        <UpcomingReminders timeZone="Europe/London" />
      </MemoryRouter>,
    );

    const list = await screen.findByRole('list', { name: 'Scheduled reminders' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);

    await userEvent.click(screen.getByRole('button', { name: 'Show more upcoming reminders' }));

    expect(await screen.findByText('1 more reminder shown.')).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Scheduled reminders' })).getAllByRole('listitem')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Show more upcoming reminders' })).toBeNull();
    expect(fetchMock.mock.calls.map(([url]) => String(url))).toEqual(['/api/reminders?status=scheduled', '/api/reminders?status=scheduled&after=page-2']);
  });
});

/** An iCalendar feed as GET /api/calendars/ics answers it. */
export const feedFixture = (overrides: Partial<Record<string, unknown>> = {}) => ({
  id: 'feed-1',
  kind: 'ics',
  name: 'Salon diary',
  address: 'https://calendar.google.com/…',
  matching: {
    matchAttendeeEmail: true,
    matchNameInSubject: true,
    matchContactInText: true,
    createClients: false,
    includeAllDay: false,
    includeFree: false,
  },
  lastSyncAt: '2026-11-22T09:05:00Z',
  lastError: null,
  lastSuccessAt: '2026-11-22T09:05:00Z',
  lastSyncFailed: false,
  ...overrides,
});

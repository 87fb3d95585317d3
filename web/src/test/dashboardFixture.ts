/** A dashboard as the API answers it; tests override parts. */
export function dashboardFixture(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    today: '2026-11-23',
    days: [
      {
        date: '2026-11-23',
        appointments: [
          {
            id: 'appt-1',
            clientId: 'client-1',
            clientName: 'Ada Lovelace',
            start: '2026-11-23T14:00:00',
            end: '2026-11-23T15:00:00',
            timeZone: 'Europe/London',
            title: 'Haircut',
            status: 'scheduled',
            response: 'confirmed',
            reminders: [
              { id: 'rem-1', channel: 'sms', dueAt: '2026-11-23T09:00:00Z', status: 'sent', deliveryStatus: 'delivered', reason: null },
            ],
          },
        ],
      },
      {
        date: '2026-11-25',
        appointments: [
          {
            id: 'appt-2',
            clientId: 'client-2',
            clientName: 'Grace Hopper',
            start: '2026-11-25T10:30:00',
            end: '2026-11-25T11:00:00',
            timeZone: 'Europe/London',
            title: '',
            status: 'scheduled',
            response: null,
            reminders: [{ id: 'rem-2', channel: 'email', dueAt: '2026-11-24T10:30:00Z', status: 'scheduled', deliveryStatus: null, reason: null }],
          },
        ],
      },
    ],
    attention: {
      failed: [{ id: 'rem-9', clientId: 'client-3', clientName: 'Alan Turing', channel: 'sms', at: '2026-11-22T10:00:00Z', reason: 'The phone network could not deliver the message.' }],
      failedCount: 1,
      unmatchedEvents: 2,
      calendars: [{ id: 'conn-1', mailbox: 'ada@contoso.com' }],
      bounced: [{ clientId: 'client-3', clientName: 'Alan Turing', at: '2026-11-22T10:00:00Z', reason: 'The phone network could not deliver the message.' }],
      unreadReplies: 3,
    },
    daily: Array.from({ length: 30 }, (_, index) => ({ date: new Date(Date.UTC(2026, 9, 25 + index)).toISOString().slice(0, 10), sent: index === 29 ? 4 : 0, delivered: index === 29 ? 3 : 0, failed: 0 })),
    confirmation: { reminded: 10, confirmed: 7, cancellationRequested: 1 },
    plan: { code: 'trial', name: 'Free trial', priceShown: 'Free', isTrial: true, endsAt: '2099-12-01T00:00:00Z', ended: false, smsAllowance: 50, smsUsed: 12, emailAllowance: 500, emailUsed: 30 },
    checklist: { clientsAdded: true, calendarOrAppointment: true, templatesChecked: false, testSent: false, show: true, allDone: false },
    ...overrides,
  };
}

import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { clientFixture, jsonResponse, signedInOwner, stubApi } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';

function reviewItem(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    id: 'src-1:physio',
    sourceId: 'src-1',
    calendarName: 'Clinic',
    subject: 'Weekly physio',
    start: '2026-11-24T11:00:00',
    end: '2026-11-24T12:00:00',
    timeZone: 'Europe/London',
    location: '',
    webLink: 'https://outlook.office365.com/owa/?itemid=physio',
    reason: 'unmatched',
    recurring: true,
    candidates: [],
    ...overrides,
  };
}

const base = {
  'GET /api/me': () => jsonResponse(signedInOwner),
  'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
  'GET /api/calendars': () => jsonResponse({ configured: true, connections: [], reviewCount: 2 }),
  'GET /api/clients?page=1&pageSize=10': () =>
    jsonResponse({ items: [clientFixture({ id: 'client-1', name: 'Grace Hopper' })], page: 1, pageSize: 10, total: 1 }),
};

function sentBody(fetchMock: ReturnType<typeof stubApi>, url: string): unknown {
  const [, init] = fetchMock.mock.calls.find(([called, calledInit]) => String(called) === url && calledInit?.method === 'POST') ?? [];
  return JSON.parse(String(init?.body));
}

async function itemFor(subject: string) {
  const heading = await screen.findByRole('heading', { level: 2, name: subject });
  return within(heading.closest('li') as HTMLElement);
}

describe('the calendar review list', () => {
  it('shows each event with when it is in its own zone, its calendar, why it is here and a link to it in a new tab', async () => {
    stubApi({
      ...base,
      'GET /api/calendars/review': () =>
        jsonResponse({ items: [reviewItem({ id: 'src-1:sam', subject: 'Sam Lee massage', recurring: false, reason: 'ambiguous', candidates: [{ id: 'c1', name: 'Sam Lee' }, { id: 'c2', name: 'Sam Lee' }] })] }),
    });
    renderAppAt('/calendars/review');

    const item = await itemFor('Sam Lee massage');
    expect(item.getByText('It matches more than one client: Sam Lee, Sam Lee.')).toBeTruthy();
    expect(item.getByText('Clinic')).toBeTruthy();
    expect(item.getByRole('heading').closest('li')?.textContent).toMatch(/Tuesday.*2026.*\(Europe\/London\)/);
    const link = item.getByRole('link', { name: /^Open in Outlook/ });
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(item.queryByRole('button', { name: /^Ignore the whole series/ })).toBeNull();
  });

  it('asks for a client before assigning, then assigns the whole series and says how many appointments it made', async () => {
    let answered = false;
    const fetchMock = stubApi({
      ...base,
      'GET /api/calendars/review': () => jsonResponse({ items: answered ? [] : [reviewItem()] }),
      'POST /api/calendars/review/src-1%3Aphysio/assign': () => {
        answered = true;
        return jsonResponse({ appointments: 3 });
      },
    });
    renderAppAt('/calendars/review');
    const item = await itemFor('Weekly physio');
    const nav = within(screen.getByRole('navigation', { name: 'Main' }));
    expect(await nav.findByRole('link', { name: 'Calendars, 1 calendar event to review' })).toBeTruthy();

    await userEvent.click(item.getByRole('button', { name: /^Assign to client…/ }));
    const form = within(item.getByRole('form', { name: 'Assign “Weekly physio” to a client' }));
    expect(document.activeElement).toBe(form.getByLabelText('Find a client'));
    await userEvent.click(form.getByRole('button', { name: 'Assign' }));
    expect(form.getByRole('alert').textContent).toContain('Choose the client this appointment is with.');

    await userEvent.click(await form.findByRole('radio', { name: /Grace Hopper/ }));
    await userEvent.click(form.getByRole('radio', { name: 'Every event in the series' }));
    await userEvent.click(form.getByRole('button', { name: 'Assign' }));

    const done = await screen.findByText('“Weekly physio” is assigned to Grace Hopper: 3 appointments added, with reminders.');
    expect(document.activeElement).toBe(done.closest('[role="status"]'));
    expect(sentBody(fetchMock, '/api/calendars/review/src-1%3Aphysio/assign')).toEqual({ clientId: 'client-1', scope: 'series' });
    expect(await screen.findByText('Nothing to review.')).toBeTruthy();
    expect(await nav.findByRole('link', { name: 'Calendars' })).toBeTruthy();
  });

  it('ignores one event of a series', async () => {
    const fetchMock = stubApi({
      ...base,
      'GET /api/calendars/review': () => jsonResponse({ items: [reviewItem()] }),
      'POST /api/calendars/review/src-1%3Aphysio/ignore': () => jsonResponse({ appointments: 0 }),
    });
    renderAppAt('/calendars/review');
    const item = await itemFor('Weekly physio');

    await userEvent.click(item.getByRole('button', { name: /^Ignore this event/ }));

    expect(await screen.findByText(/^“Weekly physio” on .* is ignored\.$/)).toBeTruthy();
    expect(sentBody(fetchMock, '/api/calendars/review/src-1%3Aphysio/ignore')).toEqual({ scope: 'event' });
  });

  it('with nothing to review says what happens next', async () => {
    stubApi({ ...base, 'GET /api/calendars/review': () => jsonResponse({ items: [] }) });
    renderAppAt('/calendars/review');

    expect(await screen.findByText('Nothing to review.')).toBeTruthy();
    expect(screen.getByRole('main').textContent).toContain('After each sync, events that match no client, or more than one, are listed here.');
  });
});

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';

const signedOut = { 'GET /api/me': () => jsonResponse({ title: 'Unauthorized', status: 401 }, 401) };
const page = (overrides: Record<string, unknown> = {}) => ({
  businessName: 'Harbour Physio',
  clientFirstName: 'Ada',
  start: '2026-12-09T10:30:00',
  end: '2026-12-09T11:15:00',
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  location: null,
  status: 'scheduled',
  answer: null,
  changed: false,
  ...overrides,
});

describe('the answer page', () => {
  it('shows the appointment without acting, then confirms it with one tap', async () => {
    const fetchMock = stubApi({
      ...signedOut,
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'GET /api/answers/tok-1': () => jsonResponse(page()),
      'POST /api/answers/tok-1': () => jsonResponse(page({ answer: 'confirm' })),
    });
    renderAppAt('/a/tok-1');

    expect(await screen.findByText('Hi Ada,')).toBeTruthy();
    // The appointment's own wall-clock time, in the browser's language.
    expect(document.querySelector('.answer__when strong')?.textContent).toMatch(/December.*2026 at 10:30/);
    await waitFor(() => expect(screen.getByRole('banner').textContent).toBe('Harbour Physio'));
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Confirm' }));

    const outcome = await screen.findByText('Thank you: your appointment is confirmed.');
    expect(document.activeElement).toBe(outcome.closest('[role="status"]'));
    expect(screen.getByRole('button', { name: 'Confirm' }).getAttribute('aria-pressed')).toBe('true');
    const [, init] = fetchMock.mock.calls.find(([url, call]) => String(url) === '/api/answers/tok-1' && call?.method === 'POST') ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ answer: 'confirm' });
  });

  it('offers no answers for a cancelled appointment and says so', async () => {
    stubApi({ ...signedOut, 'GET /api/answers/tok-2': () => jsonResponse(page({ status: 'cancelled' })) });
    renderAppAt('/a/tok-2');

    expect(await screen.findByText(/This appointment has been cancelled\./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Confirm' })).toBeNull();
  });

  it('tells the client when the appointment changed since their message', async () => {
    stubApi({ ...signedOut, 'GET /api/answers/tok-3': () => jsonResponse(page({ changed: true, location: 'Room 2' })) });
    renderAppAt('/a/tok-3');

    expect(await screen.findByText('This appointment has changed since your message. Here it is as it stands now.')).toBeTruthy();
    expect(screen.getByText('Room 2')).toBeTruthy();
  });

  it('shows the problem plainly when the link is not valid', async () => {
    stubApi({
      ...signedOut,
      'GET /api/answers/bad': () => jsonResponse({ title: 'Not Found', status: 404, detail: 'This link is not valid.' }, 404),
    });
    renderAppAt('/a/bad');

    expect((await screen.findByRole('alert')).textContent).toBe('This link is not valid.');
    expect(screen.queryByRole('button')).toBeNull();
  });
});

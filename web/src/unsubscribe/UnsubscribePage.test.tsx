import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';

const signedOut = { 'GET /api/me': () => jsonResponse({ title: 'Unauthorized', status: 401 }, 401) };
const invalid = () =>
  jsonResponse({ title: 'Bad Request', status: 400, detail: 'This unsubscribe link is not valid or has expired.' }, 400);

describe('the unsubscribe page', () => {
  it('asks first, then unsubscribes and says from whom no more emails come', async () => {
    const fetchMock = stubApi({
      ...signedOut,
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'GET /api/unsubscribe?token=abc%2B1': () => jsonResponse({ businessName: 'Ada Hair Studio', alreadyUnsubscribed: false }),
      'POST /api/unsubscribe?token=abc%2B1': () => jsonResponse({ message: 'Unsubscribed.', businessName: 'Ada Hair Studio' }),
    });
    renderAppAt('/unsubscribe?token=abc%2B1');

    expect(await screen.findByText('Stop reminder emails from Ada Hair Studio?')).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 1 }).map((heading) => heading.textContent)).toEqual(['Unsubscribe from reminder emails']);
    expect(document.title).toBe('Unsubscribe from reminder emails · Client Reminders');
    // The client's page is the business's: its name on top, none of our sign-in or trial links.
    await waitFor(() => expect(screen.getByRole('banner').textContent).toBe('Ada Hair Studio'));
    expect(screen.queryByRole('link', { name: 'Sign in' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Start free trial' })).toBeNull();
    expect(screen.getByRole('contentinfo').textContent).toContain('Ada Hair Studio sends its reminders with Client Reminders.');
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Unsubscribe' }));

    const outcome = await screen.findByText('You will no longer receive reminder emails from Ada Hair Studio.');
    expect(screen.queryByRole('button', { name: 'Unsubscribe' })).toBeNull();
    expect(document.activeElement).toBe(outcome.closest('[role="status"]'));
    const [, init] = fetchMock.mock.calls.find(([url, call]) => String(url) === '/api/unsubscribe?token=abc%2B1' && call?.method === 'POST') ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ token: 'abc+1' });
  });

  it('reads the token from the short link emails carry', async () => {
    stubApi({ ...signedOut, 'GET /api/unsubscribe?token=AgEC-_x': () => jsonResponse({ businessName: 'Ada Hair Studio', alreadyUnsubscribed: false }) });
    renderAppAt('/u/AgEC-_x');

    expect(await screen.findByRole('button', { name: 'Unsubscribe' })).toBeTruthy();
  });

  it('says so when the client has already unsubscribed, with nothing to press', async () => {
    stubApi({ ...signedOut, 'GET /api/unsubscribe?token=t1': () => jsonResponse({ businessName: 'Ada Hair Studio', alreadyUnsubscribed: true }) });
    renderAppAt('/unsubscribe?token=t1');

    expect(await screen.findByText('You have already unsubscribed: you will not receive reminder emails from Ada Hair Studio.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Unsubscribe' })).toBeNull();
  });

  it('shows the problem plainly when the link is not valid', async () => {
    stubApi({ ...signedOut, 'GET /api/unsubscribe?token=old': invalid });
    renderAppAt('/unsubscribe?token=old');

    expect((await screen.findByRole('alert')).textContent).toBe('This unsubscribe link is not valid or has expired.');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows the problem when the link stops working between opening and pressing the button', async () => {
    stubApi({
      ...signedOut,
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'GET /api/unsubscribe?token=t2': () => jsonResponse({ businessName: 'Ada Hair Studio', alreadyUnsubscribed: false }),
      'POST /api/unsubscribe?token=t2': invalid,
    });
    renderAppAt('/unsubscribe?token=t2');

    await userEvent.click(await screen.findByRole('button', { name: 'Unsubscribe' }));

    expect(await screen.findByText('This unsubscribe link is not valid or has expired.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Unsubscribe' })).toBeTruthy();
  });

  it('says the link is incomplete when it has no token, without asking the server', async () => {
    const fetchMock = stubApi(signedOut);
    renderAppAt('/unsubscribe');

    expect(await screen.findByText(/This link is missing its code/)).toBeTruthy();
    expect(fetchMock.mock.calls.some(([url]) => String(url).startsWith('/api/unsubscribe'))).toBe(false);
  });
});

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { healthyReport, jsonResponse, signedInOwner, stubApi } from './test/fakeFetch';

function CurrentPath() {
  const location = useLocation();
  return <output data-testid="path">{`${location.pathname}${location.search}`}</output>;
}

function renderAppAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App />
      <CurrentPath />
    </MemoryRouter>,
  );
}

function signedIn() {
  return stubApi({
    'GET /api/me': () => jsonResponse(signedInOwner),
    'GET /api/health': () => jsonResponse(healthyReport),
  });
}

function signedOut() {
  return stubApi({ 'GET /api/me': () => jsonResponse({ title: 'Unauthorized', status: 401 }, 401) });
}

function mainNav() {
  return within(screen.getByRole('navigation', { name: 'Main' }));
}

describe('App shell', () => {
  it('sends a signed-in owner from / to the dashboard, with the business name, a skip link and every section', async () => {
    signedIn();
    renderAppAt('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeTruthy();
    const banner = within(screen.getByRole('banner'));
    expect(banner.getByText('Client Reminders')).toBeTruthy();
    expect(banner.getByText('Ada Hair Studio')).toBeTruthy();
    expect(banner.getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Skip to main content' }).getAttribute('href')).toBe('#main');
    expect(mainNav().getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Dashboard',
      'Clients',
      'Appointments',
      'Calendars',
      'Reminders',
      'Conversations',
      'Messages',
      'Settings',
    ]);
  });

  it('marks only the current page as active in the navigation', async () => {
    signedIn();
    renderAppAt('/clients');

    expect(await screen.findByRole('heading', { level: 1, name: 'Clients' })).toBeTruthy();
    expect(mainNav().getByRole('link', { name: 'Clients' }).getAttribute('aria-current')).toBe('page');
    expect(mainNav().getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBeNull();
  });

  it('moves the active mark and focus to the new page after clicking a link', async () => {
    signedIn();
    renderAppAt('/dashboard');
    await screen.findByRole('heading', { level: 1, name: 'Dashboard' });

    await userEvent.click(mainNav().getByRole('link', { name: 'Clients' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Clients' });
    expect(document.activeElement).toBe(heading);
    expect(mainNav().getByRole('link', { name: 'Clients' }).getAttribute('aria-current')).toBe('page');
    expect(mainNav().getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBeNull();
  });

  it('opens and closes the menu with the menu button', async () => {
    signedIn();
    renderAppAt('/dashboard');
    const menuButton = await screen.findByRole('button', { name: 'Menu' });
    expect(menuButton.getAttribute('aria-expanded')).toBe('false');

    await userEvent.click(menuButton);
    expect(menuButton.getAttribute('aria-expanded')).toBe('true');

    await userEvent.keyboard('{Escape}');
    expect(menuButton.getAttribute('aria-expanded')).toBe('false');
  });

  it('shows a not-found page for an unknown address', async () => {
    signedIn();
    renderAppAt('/no-such-page');

    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByText('There is no page at /no-such-page.')).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Go to the dashboard' })).toBeTruthy();
  });
});

describe('Signed out', () => {
  it('shows the home page with sign-up and sign-in calls to action and the footer links', async () => {
    signedOut();
    renderAppAt('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Appointment reminders for small businesses' })).toBeTruthy();
    const main = within(screen.getByRole('main'));
    expect(main.getByRole('link', { name: 'Start free trial' }).getAttribute('href')).toBe('/signup');
    expect(main.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe('/login');
    const footer = within(screen.getByRole('navigation', { name: 'Footer' }));
    expect(footer.getAllByRole('link').map((link) => link.textContent)).toEqual(['Privacy', 'Support']);
  });

  it('sends an app page to sign-in with the page to come back to', async () => {
    signedOut();
    renderAppAt('/settings?tab=plan');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(screen.getByTestId('path').textContent).toBe('/login?next=%2Fsettings%3Ftab%3Dplan');
  });

  it('comes back to the page asked for after signing in', async () => {
    stubApi({
      'GET /api/me': () => jsonResponse({ title: 'Unauthorized', status: 401 }, 401),
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'POST /api/auth/login': () => jsonResponse(signedInOwner),
    });
    renderAppAt('/login?next=%2Fclients');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });

    await userEvent.type(screen.getByLabelText('Email address'), 'ada@example.com');
    await userEvent.type(screen.getByLabelText('Password', { selector: 'input' }), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Clients' })).toBeTruthy();
    expect(screen.getByTestId('path').textContent).toBe('/clients');
  });

  it('refuses to leave the site after signing in', async () => {
    stubApi({
      'GET /api/me': () => jsonResponse({ title: 'Unauthorized', status: 401 }, 401),
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'POST /api/auth/login': () => jsonResponse(signedInOwner),
    });
    renderAppAt('/login?next=%2F%2Fevil.com');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });

    await userEvent.type(screen.getByLabelText('Email address'), 'ada@example.com');
    await userEvent.type(screen.getByLabelText('Password', { selector: 'input' }), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Dashboard' })).toBeTruthy();
  });

  it('shows a wrong password as one message in a focused summary', async () => {
    stubApi({
      'GET /api/me': () => jsonResponse({ title: 'Unauthorized', status: 401 }, 401),
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'POST /api/auth/login': () =>
        jsonResponse({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Email or password is incorrect.' }, 401),
    });
    renderAppAt('/login');
    await screen.findByRole('heading', { level: 1, name: 'Sign in' });

    await userEvent.type(screen.getByLabelText('Email address'), 'ada@example.com');
    await userEvent.type(screen.getByLabelText('Password', { selector: 'input' }), 'not the password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Email or password is incorrect.');
    expect(document.activeElement).toBe(summary);
  });
});

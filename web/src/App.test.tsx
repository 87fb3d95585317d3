import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { healthyReport, jsonResponse, stubFetch } from './test/fakeFetch';

function renderAppAt(path: string) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
}

function mainNav() {
  return within(screen.getByRole('navigation', { name: 'Main' }));
}

describe('App shell', () => {
  it('shows the product name, a skip link and every section in the main navigation', () => {
    renderAppAt('/');

    expect(within(screen.getByRole('banner')).getByText('Client Reminders')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Skip to main content' }).getAttribute('href')).toBe('#main');
    expect(mainNav().getAllByRole('link').map((link) => link.textContent)).toEqual([
      'Dashboard',
      'Clients',
      'Appointments',
      'Calendars',
      'Reminders',
      'Messages',
      'Settings',
      'Status',
    ]);
  });

  it('marks only the current page as active in the navigation', () => {
    renderAppAt('/clients');

    expect(screen.getByRole('heading', { level: 1, name: 'Clients' })).toBeTruthy();
    expect(mainNav().getByRole('link', { name: 'Clients' }).getAttribute('aria-current')).toBe('page');
    expect(mainNav().getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBeNull();
  });

  it('moves the active mark and focus to the new page after clicking a link', async () => {
    stubFetch(async () => jsonResponse(healthyReport));
    renderAppAt('/');

    await userEvent.click(mainNav().getByRole('link', { name: 'Status' }));

    const heading = await screen.findByRole('heading', { level: 1, name: 'Status' });
    expect(document.activeElement).toBe(heading);
    expect(mainNav().getByRole('link', { name: 'Status' }).getAttribute('aria-current')).toBe('page');
    expect(mainNav().getByRole('link', { name: 'Dashboard' }).getAttribute('aria-current')).toBeNull();
  });

  it('opens and closes the menu with the menu button', async () => {
    renderAppAt('/');
    const menuButton = screen.getByRole('button', { name: 'Menu' });
    expect(menuButton.getAttribute('aria-expanded')).toBe('false');

    await userEvent.click(menuButton);
    expect(menuButton.getAttribute('aria-expanded')).toBe('true');

    await userEvent.keyboard('{Escape}');
    expect(menuButton.getAttribute('aria-expanded')).toBe('false');
  });

  it('shows a not-found page for an unknown address', () => {
    renderAppAt('/no-such-page');

    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByText('There is no page at /no-such-page.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to the dashboard' })).toBeTruthy();
  });
});

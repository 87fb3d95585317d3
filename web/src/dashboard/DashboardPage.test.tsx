import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { dashboardFixture } from '../test/dashboardFixture';
import { jsonResponse, signedInOwner, stubApi } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';

const signedIn = {
  'GET /api/me': () => jsonResponse(signedInOwner),
  'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
};

async function renderDashboard() {
  renderAppAt('/dashboard');
  await screen.findByRole('heading', { level: 1, name: 'Dashboard' });
  await screen.findByRole('heading', { level: 2, name: 'Today and the next 7 days' });
}

const region = (name: string) => within(screen.getByRole('region', { name }));

describe('the dashboard', () => {
  it('lists the coming days with each appointment, links to it and its client, and its reminders’ states', async () => {
    stubApi({ ...signedIn, 'GET /api/dashboard': () => jsonResponse(dashboardFixture()) });
    await renderDashboard();

    const agenda = region('Today and the next 7 days');
    expect(agenda.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual([
      expect.stringMatching(/^Today, /),
      expect.not.stringMatching(/^(Today|Tomorrow)/),
    ]);
    expect(agenda.getByRole('link', { name: 'Haircut' }).getAttribute('href')).toBe('/appointments/appt-1');
    expect(agenda.getByRole('link', { name: 'Ada Lovelace' }).getAttribute('href')).toBe('/clients/client-1');
    expect(agenda.getByRole('link', { name: 'Appointment' }).getAttribute('href')).toBe('/appointments/appt-2');
    const adas = agenda.getByRole('list', { name: /^Reminders for Ada Lovelace/ });
    expect([...adas.querySelectorAll('.tag')].map((tag) => tag.textContent)).toEqual(['Sent', 'Delivered']);
    expect(agenda.getByText('Confirmed')).toBeTruthy();
  });

  it('shows what needs attention with somewhere to go for each', async () => {
    stubApi({ ...signedIn, 'GET /api/dashboard': () => jsonResponse(dashboardFixture()) });
    await renderDashboard();

    const attention = region('Needs your attention');
    expect(attention.getByText(/ada@contoso.com/).textContent).toContain('Microsoft no longer lets us read');
    expect(attention.getByText(/2 calendar events have no client yet/)).toBeTruthy();
    expect(attention.getByText(/3 replies from clients not read yet/)).toBeTruthy();
    expect(attention.getByText(/1 message failed/).textContent).toContain('The phone network could not deliver the message.');
    expect(attention.getByRole('link', { name: 'See every failed message' }).getAttribute('href')).toBe('/messages/history?status=failed');
  });

  it('says when nothing needs attention and there are no appointments, and what to do next', async () => {
    const empty = dashboardFixture({
      days: [],
      attention: { failed: [], failedCount: 0, unmatchedEvents: 0, calendars: [], bounced: [], unreadReplies: 0 },
    });
    stubApi({ ...signedIn, 'GET /api/dashboard': () => jsonResponse(empty) });
    await renderDashboard();

    expect(region('Needs your attention').getByText(/^Nothing needs your attention/)).toBeTruthy();
    expect(region('Today and the next 7 days').getByRole('link', { name: 'Add an appointment' })).toBeTruthy();
  });

  it('draws the confirmation rate and the month’s usage with tables behind them', async () => {
    stubApi({ ...signedIn, 'GET /api/dashboard': () => jsonResponse(dashboardFixture()) });
    await renderDashboard();

    const charts = region('The last 30 days');
    expect(charts.getByText('Confirmation rate: 70%')).toBeTruthy();
    const images = charts.getAllByRole('img').map((image) => image.getAttribute('aria-label'));
    expect(images).toContain('Confirmed: 7 of 10 appointments reminded. Asked to cancel: 1 of 10 appointments reminded');
    expect(images).toContain('Text messages: 12 of 50 SMS segments. Emails: 30 of 500 emails');
    await userEvent.click(charts.getAllByText('Show as a table')[2]!);
    const table = charts.getByRole('table', { name: "Messages used this month against the plan's allowance" });
    expect(within(table).getAllByRole('cell').map((cell) => cell.textContent)).toEqual(['12', '50', '30', '500']);
  });

  it('walks a new owner through the first steps and sends them a test', async () => {
    const fetchMock = stubApi({
      ...signedIn,
      'GET /api/dashboard': () => jsonResponse(dashboardFixture()),
      'POST /api/dashboard/test-message': () => jsonResponse({ channel: 'email', to: 'a***@example.com', message: 'A test email is on its way to a***@example.com.' }),
    });
    await renderDashboard();

    const checklist = region('Get started');
    expect(checklist.getByText('2 of 4 steps done.')).toBeTruthy();
    expect(checklist.getAllByRole('listitem').filter((item) => item.classList.contains('checklist__step')).map((item) => item.querySelector('.tag')?.textContent)).toEqual([
      'Done',
      'Done',
      'To do',
      'To do',
    ]);
    await userEvent.click(checklist.getByRole('button', { name: 'Send me a test' }));

    expect(await checklist.findByText('A test email is on its way to a***@example.com.')).toBeTruthy();
    const post = fetchMock.mock.calls.find(([url, init]) => String(url) === '/api/dashboard/test-message' && init?.method === 'POST')!;
    expect(JSON.parse(String(post[1]?.body))).toEqual({ channel: 'email', mobile: null });
    expect(fetchMock.mock.calls.filter(([url]) => String(url) === '/api/dashboard')).toHaveLength(2);
  });

  it('once every step is done, says so with the test’s confirmation still in view, until the owner hides it', async () => {
    let dismissed = false;
    let testSent = false;
    const checklist = () => ({ clientsAdded: true, calendarOrAppointment: true, templatesChecked: true, testSent, show: !dismissed, allDone: testSent });
    const fetchMock = stubApi({
      ...signedIn,
      'GET /api/dashboard': () => jsonResponse(dashboardFixture({ checklist: checklist() })),
      'POST /api/dashboard/test-message': () => {
        testSent = true;
        return jsonResponse({ channel: 'email', to: 'a***@example.com', message: 'A test email is on its way to a***@example.com.' });
      },
      'POST /api/dashboard/checklist/dismiss': () => {
        dismissed = true;
        return new Response(null, { status: 204 });
      },
    });
    await renderDashboard();

    await userEvent.click(region('Get started').getByRole('button', { name: 'Send me a test' }));

    expect(await region('Get started').findByText('All 4 steps done: your reminders are ready to go out.')).toBeTruthy();
    expect(region('Get started').getByText('A test email is on its way to a***@example.com.')).toBeTruthy();
    await userEvent.click(region('Get started').getByRole('button', { name: 'Done: hide this checklist' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Get started' })).toBeNull());
    expect(fetchMock.mock.calls.some(([url, init]) => String(url) === '/api/dashboard/checklist/dismiss' && init?.method === 'POST')).toBe(true);
  });

  it('asks for the mobile number before sending a test text', async () => {
    const fetchMock = stubApi({ ...signedIn, 'GET /api/dashboard': () => jsonResponse(dashboardFixture()) });
    await renderDashboard();

    const checklist = region('Get started');
    await userEvent.click(checklist.getByLabelText('Text message'));
    await userEvent.click(checklist.getByRole('button', { name: 'Send me a test' }));

    expect((await screen.findAllByText('Enter the mobile number to send the test text to.')).length).toBeGreaterThan(0);
    expect(fetchMock.mock.calls.some(([url]) => String(url) === '/api/dashboard/test-message')).toBe(false);
  });

  it('puts the plan banner on every page once the trial has ended', async () => {
    stubApi({
      ...signedIn,
      'GET /api/me': () => jsonResponse({ ...signedInOwner, plan: { ...signedInOwner.plan, endsAt: '2020-01-01T00:00:00Z', ended: true, isTrial: true } }),
      'GET /api/reminders?status=sent': () => jsonResponse({ items: [] }),
    });
    renderAppAt('/messages');
    await screen.findByRole('heading', { level: 1, name: 'Messages' });

    const banner = screen.getByRole('region', { name: 'Your plan' });
    expect(banner.textContent).toContain('Your free trial has ended, so no reminders are being sent.');
    expect(within(banner).getByRole('link', { name: 'See your plan' }).getAttribute('href')).toBe('/settings');
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { historyQueryString } from '../api/history';
import { clientFixture, jsonResponse, signedInOwner, stubFetch } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';

function item(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    id: 'h-1',
    kind: 'direct',
    clientId: 'client-1',
    clientName: 'Ada Lovelace',
    channel: 'sms',
    status: 'sent',
    deliveryStatus: 'delivered',
    reason: null,
    dueAt: null,
    sentAt: '2026-11-23T10:30:00Z',
    replies: 2,
    ...overrides,
  };
}

const DAYS = Array.from({ length: 30 }, (_, index) => ({
  date: new Date(Date.UTC(2026, 9, 25 + index)).toISOString().slice(0, 10),
  sent: index === 29 ? 3 : 0,
  delivered: index === 29 ? 2 : 0,
  failed: 0,
}));

/** Answers the history endpoints, remembering which history lists were asked for. */
function stubHistory(items: unknown[] = [item()]) {
  const asked: string[] = [];
  stubFetch(async (url) => {
    if (url === '/api/me') return jsonResponse(signedInOwner);
    if (url === '/api/history/daily?days=30') return jsonResponse({ days: DAYS });
    if (url === '/api/history' || url.startsWith('/api/history?')) {
      asked.push(url);
      return jsonResponse({ items });
    }
    if (url === '/api/clients/client-1') return jsonResponse(clientFixture());
    if (url.startsWith('/api/clients?')) return jsonResponse({ items: [clientFixture()], page: 1, pageSize: 10, total: 1 });
    return jsonResponse({ title: 'Not Found', status: 404 }, 404);
  });
  return asked;
}

function path() {
  return screen.getByTestId('path').textContent;
}

describe('the history query string', () => {
  it('has only the filters that are set, with well-formed dates', () => {
    expect(historyQueryString()).toBe('');
    expect(historyQueryString({ status: '', clientId: '  ', from: '', to: '' })).toBe('');
    expect(historyQueryString({ status: 'failed', clientId: 'client 1', from: '2026-11-01', to: '2026-11-30' })).toBe(
      '?clientId=client+1&status=failed&from=2026-11-01&to=2026-11-30',
    );
    expect(historyQueryString({ from: '1 Nov', to: '2026-11-30' })).toBe('?to=2026-11-30');
  });
});

describe('the message history page', () => {
  it('lists each message with its kind, channel, status, delivery, reason in words and replies', async () => {
    stubHistory([
      item(),
      item({ id: 'h-2', kind: 'reminder', clientName: 'Alan Turing', clientId: 'client-2', channel: 'email', status: 'skipped', deliveryStatus: null, reason: 'opted-out', sentAt: null, dueAt: '2026-11-22T09:00:00Z', replies: 0 }),
    ]);
    renderAppAt('/messages/history');

    expect(await screen.findByRole('heading', { level: 1, name: 'Message history' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Messages, newest first' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const first = within(rows[1]!);
    expect(first.getByRole('link', { name: 'Ada Lovelace' }).getAttribute('href')).toBe('/clients/client-1');
    expect(first.getByText('Direct message')).toBeTruthy();
    expect(first.getByText('SMS')).toBeTruthy();
    expect(first.getByText('Sent', { selector: '.tag' })).toBeTruthy();
    expect(first.getByText('Delivered', { selector: '.tag' })).toBeTruthy();
    expect(first.getByText('2 replies')).toBeTruthy();
    const second = within(rows[2]!);
    expect(second.getByText('Reminder')).toBeTruthy();
    expect(second.getByText('Skipped', { selector: '.tag' })).toBeTruthy();
    expect(second.getByText('They replied STOP, so no texts are sent to them.')).toBeTruthy();
    expect(second.getByText('None')).toBeTruthy();
    expect(screen.getByText('2 messages.')).toBeTruthy();
  });

  it('shows the last 30 days as a chart with its table', async () => {
    stubHistory();
    renderAppAt('/messages/history');

    const chart = await screen.findByRole('img', { name: /^Messages sent in the last 30 days: 3 sent, 2 delivered, 0 failed\./ });
    expect(chart.querySelectorAll('.daily-chart__bar--sent')).toHaveLength(30);
    expect(within(screen.getByRole('region', { name: 'The last 30 days' })).getByText('Show as a table')).toBeTruthy();
  });

  it('shows older messages a page at a time, below the newest', async () => {
    const asked: string[] = [];
    stubFetch(async (url) => {
      if (url === '/api/me') return jsonResponse(signedInOwner);
      if (url === '/api/history/daily?days=30') return jsonResponse({ days: DAYS });
      if (url === '/api/history') {
        asked.push(url);
        return jsonResponse({ items: [item({ id: 'h-new', clientName: 'Ada Lovelace' })], nextCursor: 'cursor-1' });
      }
      if (url === '/api/history?before=cursor-1') {
        asked.push(url);
        return jsonResponse({ items: [item({ id: 'h-old', clientName: 'Grace Hopper', sentAt: '2026-11-20T09:00:00Z' })], nextCursor: null });
      }
      return jsonResponse({ title: 'Not Found', status: 404 }, 404);
    });
    renderAppAt('/messages/history');
    const table = await screen.findByRole('table', { name: 'Messages, newest first' });
    expect(await screen.findByText('The newest 1 messages.')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Show older messages' }));

    await waitFor(() => expect(within(table).getByText('Grace Hopper')).toBeTruthy());
    expect(within(table).getByText('Ada Lovelace')).toBeTruthy();
    expect(asked).toEqual(['/api/history', '/api/history?before=cursor-1']);
    expect(screen.queryByRole('button', { name: 'Show older messages' })).toBeNull();
    expect(screen.getByText('2 messages.')).toBeTruthy();
  });

  it('applies the status and date filters together, and keeps them in the address', async () => {
    const asked = stubHistory();
    renderAppAt('/messages/history');
    await screen.findByRole('table', { name: 'Messages, newest first' });
    const filters = within(screen.getByRole('search', { name: 'Filter the history' }));

    await userEvent.selectOptions(filters.getByLabelText(/^Status/), 'failed');
    fireEvent.change(filters.getByLabelText(/^From/), { target: { value: '2026-11-01' } });
    fireEvent.change(filters.getByLabelText(/^To/), { target: { value: '2026-11-30' } });
    expect(asked).toEqual(['/api/history']);
    await userEvent.click(filters.getByRole('button', { name: 'Show messages' }));

    await waitFor(() => expect(asked).toEqual(['/api/history', '/api/history?status=failed&from=2026-11-01&to=2026-11-30']));
    expect(path()).toBe('/messages/history?status=failed&from=2026-11-01&to=2026-11-30');
    expect(await screen.findByText('1 message matches the filters.')).toBeTruthy();
  });

  it('filters by one client, from the address or by choosing them', async () => {
    const asked = stubHistory();
    renderAppAt('/messages/history?client=client-1&status=skipped');

    await waitFor(() => expect(asked).toEqual(['/api/history?clientId=client-1&status=skipped']));
    const filters = within(screen.getByRole('search', { name: 'Filter the history' }));
    expect(await filters.findByText('Ada Lovelace')).toBeTruthy();
    expect((filters.getByLabelText(/^Status/) as HTMLSelectElement).value).toBe('skipped');

    await userEvent.click(filters.getByRole('button', { name: 'Any client' }));
    await userEvent.click(filters.getByRole('button', { name: 'Show messages' }));
    await waitFor(() => expect(path()).toBe('/messages/history?status=skipped'));

    await userEvent.click(filters.getByRole('button', { name: 'Only one client…' }));
    await userEvent.click(await filters.findByRole('radio', { name: /Ada Lovelace/ }));
    await userEvent.click(filters.getByRole('button', { name: 'Show messages' }));
    await waitFor(() => expect(path()).toBe('/messages/history?status=skipped&client=client-1'));
    expect(asked.at(-1)).toBe('/api/history?clientId=client-1&status=skipped');
  });

  it('will not apply a “to” date before the “from” date', async () => {
    const asked = stubHistory();
    renderAppAt('/messages/history');
    await screen.findByRole('table', { name: 'Messages, newest first' });
    const filters = within(screen.getByRole('search', { name: 'Filter the history' }));

    fireEvent.change(filters.getByLabelText(/^From/), { target: { value: '2026-11-30' } });
    fireEvent.change(filters.getByLabelText(/^To/), { target: { value: '2026-11-01' } });
    await userEvent.click(filters.getByRole('button', { name: 'Show messages' }));

    expect(filters.getByRole('alert').textContent).toContain('The “To” date must be the same as or after the “From” date.');
    expect(filters.getByLabelText(/^To/).getAttribute('aria-invalid')).toBe('true');
    expect(asked).toEqual(['/api/history']);
    expect(path()).toBe('/messages/history');
  });
});

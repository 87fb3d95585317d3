import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import { OwnerAlertsSection } from './OwnerAlertsSection';

const defaults = { rearrange: true, cancellation: true, freeText: true, stop: true, confirmation: false, everyMinutes: 15 };

function putBodies(fetchMock: ReturnType<typeof stubApi>) {
  return fetchMock.mock.calls.filter(([url, init]) => String(url) === '/api/settings/alerts' && init?.method === 'PUT').map(([, init]) => JSON.parse(String(init?.body)) as unknown);
}

describe('owner alerts', () => {
  it('shows which replies are emailed and how often, and saves every field with a clear message', async () => {
    const fetchMock = stubApi({
      'GET /api/settings/alerts': () => jsonResponse(defaults),
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'PUT /api/settings/alerts': (init) => jsonResponse(JSON.parse(String(init?.body))),
    });
    render(<OwnerAlertsSection email="ada@example.com" />);

    const kinds = within(await screen.findByRole('group', { name: 'Email me about' }));
    expect(kinds.getAllByRole('checkbox').map((box) => [box.getAttribute('id'), (box as HTMLInputElement).checked])).toEqual([
      ['alert-rearrange', true],
      ['alert-cancellation', true],
      ['alert-freeText', true],
      ['alert-stop', true],
      ['alert-confirmation', false],
    ]);
    const every = screen.getByRole('combobox', { name: 'Email me at most every' }) as HTMLSelectElement;
    expect([...every.options].map((option) => option.text)).toEqual(['5 min', '15 min', '30 min', '1 hour', '4 hours', 'once a day']);
    expect(every.value).toBe('15');

    await userEvent.click(kinds.getByRole('checkbox', { name: 'Cancellations' }));
    await userEvent.click(kinds.getByRole('checkbox', { name: 'Confirmations' }));
    await userEvent.selectOptions(every, '1 hour');
    await userEvent.click(screen.getByRole('button', { name: 'Save owner alerts' }));

    expect(
      await screen.findByText('Saved: you are emailed about rearrange requests, messages that need an answer, opt-outs and confirmations, at most once an hour.'),
    ).toBeTruthy();
    expect(putBodies(fetchMock)).toEqual([{ ...defaults, cancellation: false, confirmation: true, everyMinutes: 60 }]);
  });

  it('says when no alerts are emailed', async () => {
    const none = { rearrange: false, cancellation: false, freeText: false, stop: false, confirmation: false, everyMinutes: 1440 };
    stubApi({
      'GET /api/settings/alerts': () => jsonResponse({ ...none, stop: true }),
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'PUT /api/settings/alerts': () => jsonResponse(none),
    });
    render(<OwnerAlertsSection email="ada@example.com" />);

    await userEvent.click(await screen.findByRole('checkbox', { name: 'STOP (opt-outs)' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save owner alerts' }));

    expect(await screen.findByText('Saved: no alert emails. Replies still show in Conversations.')).toBeTruthy();
  });

  it('shows the server’s field error next to its field, and keeps the choices', async () => {
    stubApi({
      'GET /api/settings/alerts': () => jsonResponse(defaults),
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'PUT /api/settings/alerts': () =>
        jsonResponse({ title: 'One or more validation errors occurred.', status: 400, errors: { EveryMinutes: ['Choose one of the intervals offered.'] } }, 400),
    });
    render(<OwnerAlertsSection email="ada@example.com" />);

    await userEvent.click(await screen.findByRole('button', { name: 'Save owner alerts' }));

    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Choose one of the intervals offered.');
    const every = screen.getByRole('combobox', { name: 'Email me at most every' });
    expect(every.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('alert-every-error')?.textContent).toContain('Choose one of the intervals offered.');
    expect(screen.queryByText(/^Saved/)).toBeNull();
  });

  it('says when the alerts cannot be loaded', async () => {
    stubApi({ 'GET /api/settings/alerts': () => jsonResponse({ title: 'The server had a problem.', status: 500 }, 500) });
    render(<OwnerAlertsSection email="ada@example.com" />);

    expect((await screen.findByRole('alert')).textContent).toBe('The server had a problem.');
  });
});

import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { healthyReport, jsonResponse, queuesDownReport, stubFetch } from '../test/fakeFetch';
import { StatusPage } from './StatusPage';

function renderStatusPage() {
  return render(
    <MemoryRouter initialEntries={['/status']}>
      <StatusPage />
    </MemoryRouter>,
  );
}

function cardFor(dependency: string) {
  const heading = screen.getByRole('heading', { level: 3, name: dependency });
  const card = heading.closest('li');
  if (card === null) {
    throw new Error(`No card for ${dependency}`);
  }
  return within(card);
}

describe('StatusPage', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('says everything is healthy and lists each check with its duration', async () => {
    stubFetch(async () => jsonResponse(healthyReport));

    renderStatusPage();

    expect(await screen.findByText('Healthy', { selector: '[role="status"] strong' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Overall status: Healthy');
    expect(screen.getByText('0.1.0')).toBeTruthy();
    expect(cardFor('tables').getByText('Healthy')).toBeTruthy();
    expect(cardFor('tables').getByText('3 ms')).toBeTruthy();
    expect(cardFor('tables').queryByText('Error')).toBeNull();
    expect(cardFor('queues').getByText('Healthy')).toBeTruthy();
  });

  it('names the failing dependency and its error when the API answers 503', async () => {
    stubFetch(async () => jsonResponse(queuesDownReport, 503));

    renderStatusPage();

    const overall = screen.getByRole('status');
    expect(await within(overall).findByText('Unhealthy')).toBeTruthy();
    expect(overall.textContent).toContain('Not working: queues.');
    expect(cardFor('queues').getByText('Unhealthy')).toBeTruthy();
    expect(cardFor('queues').getByText('5.0 s')).toBeTruthy();
    expect(cardFor('queues').getByText('Queue service unreachable: Connection refused')).toBeTruthy();
    expect(cardFor('tables').getByText('Healthy')).toBeTruthy();
  });

  it('says the API cannot be reached when the request fails', async () => {
    stubFetch(async () => {
      throw new TypeError('Failed to fetch');
    });

    renderStatusPage();

    const overall = screen.getByRole('status');
    expect(await within(overall).findByText('Unreachable')).toBeTruthy();
    expect(overall.textContent).toContain("We can't reach the Client Reminders API.");
    expect(screen.queryByRole('heading', { name: 'Dependency checks' })).toBeNull();
  });

  it('checks again when the owner presses "Check now"', async () => {
    const fetchMock = stubFetch(async () => jsonResponse(healthyReport));
    renderStatusPage();
    await screen.findByText('Last checked at', { exact: false });

    await userEvent.click(screen.getByRole('button', { name: 'Check now' }));

    await screen.findByText('Last checked at', { exact: false });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('checks again every 15 seconds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fetchMock = stubFetch(async () => jsonResponse(healthyReport));
    renderStatusPage();
    await act(async () => {
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);

    await act(async () => {
      await vi.advanceTimersByTimeAsync(15_000);
    });

    expect(fetchMock).toHaveBeenCalledTimes(2);
  });
});

import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, signedInOwner, stubApi } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';
import { UNREAD_POLL_MS, UnreadConversationsProvider, useUnreadConversations } from './unreadConversations';

function Counts() {
  const { unread, needsAction, refresh } = useUnreadConversations();
  return (
    <>
      <output data-testid="counts">{`${unread} unread, ${needsAction} to act on`}</output>
      <button type="button" onClick={refresh}>
        Refresh
      </button>
    </>
  );
}

/** Answers the unread counts like the server: 304 while the asker's ETag is the current one. */
function unreadServer(initial: { unread: number; needsAction: number }) {
  let counts = initial;
  let version = 1;
  const asked: (string | null)[] = [];
  const answer = (init?: RequestInit) => {
    const sent = new Headers(init?.headers).get('If-None-Match');
    asked.push(sent);
    return sent === `"v${version}"`
      ? new Response(null, { status: 304 })
      : new Response(JSON.stringify(counts), { status: 200, headers: { 'Content-Type': 'application/json', ETag: `"v${version}"` } });
  };
  const change = (next: { unread: number; needsAction: number }) => {
    counts = next;
    version++;
  };
  return { answer, change, asked };
}

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => {
  // Back to jsdom's own getter.
  Reflect.deleteProperty(document, 'visibilityState');
  vi.useRealTimers();
});

describe('the unread conversation counts', () => {
  it('asks at once, then again while the tab is visible, sending the last ETag and keeping the counts on a 304', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const server = unreadServer({ unread: 2, needsAction: 1 });
    stubApi({ 'GET /api/conversations/unread': server.answer });
    render(
      <UnreadConversationsProvider>
        <Counts />
      </UnreadConversationsProvider>,
    );

    await waitFor(() => expect(screen.getByTestId('counts').textContent).toBe('2 unread, 1 to act on'));
    await act(() => vi.advanceTimersByTimeAsync(UNREAD_POLL_MS));
    expect(screen.getByTestId('counts').textContent).toBe('2 unread, 1 to act on');
    server.change({ unread: 3, needsAction: 1 });
    await act(() => vi.advanceTimersByTimeAsync(UNREAD_POLL_MS));

    await waitFor(() => expect(screen.getByTestId('counts').textContent).toBe('3 unread, 1 to act on'));
    expect(server.asked).toEqual([null, '"v1"', '"v1"']);
  });

  it('does not ask while the tab is hidden, and asks at once when it is shown again or a page asks', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const server = unreadServer({ unread: 1, needsAction: 0 });
    stubApi({ 'GET /api/conversations/unread': server.answer });
    render(
      <UnreadConversationsProvider>
        <Counts />
      </UnreadConversationsProvider>,
    );
    await waitFor(() => expect(server.asked).toHaveLength(1));

    act(() => setVisibility('hidden'));
    await act(() => vi.advanceTimersByTimeAsync(UNREAD_POLL_MS * 3));
    expect(server.asked).toHaveLength(1);
    server.change({ unread: 0, needsAction: 0 });
    act(() => setVisibility('visible'));

    await waitFor(() => expect(screen.getByTestId('counts').textContent).toBe('0 unread, 0 to act on'));
    expect(server.asked).toHaveLength(2);
    vi.useRealTimers();
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(server.asked).toEqual([null, '"v1"', '"v2"']));
  });

  it('shows the unread count beside Conversations in the navigation, and none at zero, without a reload', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const server = unreadServer({ unread: 3, needsAction: 1 });
    let inboxLoads = 0;
    stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/conversations/unread': server.answer,
      'GET /api/conversations?filter=all': () => {
        inboxLoads++;
        return jsonResponse({ items: [], nextCursor: null, ...(inboxLoads === 1 ? { unread: 3, needsAction: 1 } : { unread: 0, needsAction: 0 }) });
      },
    });
    renderAppAt('/conversations');
    const nav = within(await screen.findByRole('navigation', { name: 'Main' }));

    const link = await nav.findByRole('link', { name: 'Conversations (3 unread)' });
    await screen.findByText(/^No conversations yet/);
    expect(link.querySelector('.nav-count')?.textContent).toBe('3');
    expect(link.querySelector('.nav-count')?.getAttribute('aria-hidden')).toBe('true');
    server.change({ unread: 0, needsAction: 0 });
    await act(() => vi.advanceTimersByTimeAsync(UNREAD_POLL_MS));

    expect(await nav.findByRole('link', { name: 'Conversations' })).toBe(link);
    expect(link.querySelector('.nav-count')).toBeNull();
    // New counts load the inbox again.
    await waitFor(() => expect(inboxLoads).toBe(2));
  });
});

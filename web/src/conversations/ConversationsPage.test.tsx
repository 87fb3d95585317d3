import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { jsonResponse, signedInOwner, stubApi } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';

function conversation(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    clientId: 'client-1',
    clientName: 'Ann Archer',
    clientStatus: 'active',
    unread: true,
    needsAction: true,
    lastAt: '2026-11-23T10:30:00Z',
    lastMessage: { direction: 'in', kind: 'rearrange', text: 'Can I move to Friday afternoon instead?', at: '2026-11-23T10:30:00Z' },
    ...overrides,
  };
}

function page(items: unknown[], nextCursor: string | null = null, counts = { unread: 1, needsAction: 1 }) {
  return () => jsonResponse({ items, nextCursor, ...counts });
}

const signedIn = { 'GET /api/me': () => jsonResponse(signedInOwner) };

function inbox() {
  return within(screen.getByRole('region', { name: /conversations/i }));
}

describe('the conversations inbox', () => {
  it('lists each conversation with its client, whether it is unread or needs action, and the latest message', async () => {
    stubApi({
      ...signedIn,
      'GET /api/conversations?filter=all': page([
        conversation(),
        conversation({
          clientId: 'client-2',
          clientName: 'Bob Baker',
          clientStatus: 'opted-out',
          unread: false,
          needsAction: false,
          lastMessage: { direction: 'out', kind: 'auto-reply', text: 'You will get no more messages.', at: '2026-11-22T09:00:00Z' },
        }),
      ]),
    });
    renderAppAt('/conversations');

    const list = await screen.findByRole('list', { name: 'All conversations' });
    const [ann, bob] = within(list).getAllByRole('listitem');
    expect(within(ann!).getByRole('link', { name: 'Ann Archer' }).getAttribute('href')).toBe('/clients/client-1#conversation');
    expect(within(ann!).getByText('Unread')).toBeTruthy();
    expect(within(ann!).getByText('Needs action')).toBeTruthy();
    expect(ann!.querySelector('.conversation-row__preview')?.textContent).toBe('Needs to rearrange: Can I move to Friday afternoon instead?');
    expect(ann!.querySelector('time')?.getAttribute('dateTime')).toBe('2026-11-23T10:30:00Z');
    expect(within(bob!).queryByText('Unread')).toBeNull();
    expect(within(bob!).getByText('Opted out')).toBeTruthy();
    expect(bob!.querySelector('.conversation-row__preview')?.textContent).toBe('Automatic answer: You will get no more messages.');
    expect(inbox().getByText('1 unread conversation, 1 needs action.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'All' }).getAttribute('aria-current')).toBe('page');
  });

  it('filters by the address, so a reload shows the same filter, with an empty state of its own', async () => {
    stubApi({
      ...signedIn,
      'GET /api/conversations?filter=all': page([conversation()]),
      'GET /api/conversations?filter=action': page([], null, { unread: 0, needsAction: 0 }),
      'GET /api/conversations?filter=unread': page([], null, { unread: 0, needsAction: 0 }),
    });
    renderAppAt('/conversations?filter=unread');

    expect(await screen.findByText('No unread conversations: you have read every reply.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Unread conversations' })).toBeTruthy();
    const filters = within(screen.getByRole('navigation', { name: 'Show conversations' }));
    expect(filters.getByRole('link', { name: 'Unread' }).getAttribute('aria-current')).toBe('page');

    await userEvent.click(filters.getByRole('link', { name: 'Needs action' }));

    expect(await screen.findByText(/^Nothing needs action/)).toBeTruthy();
    expect(screen.getByTestId('path').textContent).toBe('/conversations?filter=action');
    expect(document.title).toBe('Needs action · Conversations · Client Reminders');
  });

  it('says when there are no conversations at all', async () => {
    stubApi({ ...signedIn, 'GET /api/conversations?filter=all': page([], null, { unread: 0, needsAction: 0 }) });
    renderAppAt('/conversations');

    expect(await screen.findByText(/^No conversations yet\./)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more conversations' })).toBeNull();
  });

  it('loads more with the next cursor, adds them after the first page and moves focus to the first it added', async () => {
    stubApi({
      ...signedIn,
      'GET /api/conversations?filter=all': page([conversation()], 'cursor-2'),
      'GET /api/conversations?filter=all&cursor=cursor-2': page(
        [conversation({ clientId: 'client-2', clientName: 'Bob Baker', unread: false, needsAction: false })],
        null,
      ),
    });
    renderAppAt('/conversations');
    await screen.findByRole('link', { name: 'Ann Archer' });

    await userEvent.click(screen.getByRole('button', { name: 'Load more conversations' }));

    const bob = await screen.findByRole('link', { name: 'Bob Baker' });
    const list = screen.getByRole('list', { name: 'All conversations' });
    expect(within(list).getAllByRole('link').map((link) => link.textContent)).toEqual(['Ann Archer', 'Bob Baker']);
    expect(document.activeElement).toBe(bob);
    expect(screen.queryByRole('button', { name: 'Load more conversations' })).toBeNull();
  });

  it('shows a load that failed with a way to try again', async () => {
    let attempts = 0;
    stubApi({
      ...signedIn,
      'GET /api/conversations?filter=all': () => (++attempts === 1 ? jsonResponse({ title: 'Server error', status: 500 }, 500) : page([conversation()])()),
    });
    renderAppAt('/conversations');

    expect((await screen.findByRole('alert')).textContent).toContain('Server error');
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));

    expect(await screen.findByRole('link', { name: 'Ann Archer' })).toBeTruthy();
  });
});

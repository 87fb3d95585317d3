import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { clientFixture, jsonResponse, signedInOwner, stubFetch } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';

interface ListAnswer {
  items: unknown[];
  total: number;
}

/** Answers /api/me and any client list, remembering which lists were asked for. */
function stubClientList(answer: (query: URLSearchParams) => ListAnswer) {
  const asked: URLSearchParams[] = [];
  stubFetch(async (url) => {
    if (url === '/api/me') {
      return jsonResponse(signedInOwner);
    }
    if (url.startsWith('/api/clients?')) {
      const query = new URLSearchParams(url.slice('/api/clients?'.length));
      asked.push(query);
      return jsonResponse({ page: Number(query.get('page')), pageSize: Number(query.get('pageSize')), ...answer(query) });
    }
    return jsonResponse({ title: 'Not Found', status: 404 }, 404);
  });
  return asked;
}

function path() {
  return screen.getByTestId('path').textContent;
}

describe('ClientsPage', () => {
  it('lists the clients with a readable mobile, their status and a link to a possible duplicate', async () => {
    stubClientList(() => ({
      total: 2,
      items: [
        clientFixture({ duplicates: ['client-2'] }),
        clientFixture({ id: 'client-2', name: 'Augusta King', email: null, status: 'restricted', duplicates: ['client-1'] }),
      ],
    }));
    renderAppAt('/clients');

    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const ada = within(rows[1] as HTMLElement);
    expect(ada.getByRole('link', { name: 'Ada Lovelace' }).getAttribute('href')).toBe('/clients/client-1');
    expect(ada.getByText('+44 7700 900123')).toBeTruthy();
    expect(ada.getByText('Active')).toBeTruthy();
    expect(ada.getByRole('link', { name: 'Possible duplicate of Augusta King' }).getAttribute('href')).toBe('/clients/client-2');
    expect(within(rows[2] as HTMLElement).getByText('Restricted')).toBeTruthy();
    expect(screen.getByText('2 clients.')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: 'Clients' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Add client' }).getAttribute('href')).toBe('/clients/new');
    expect(screen.getByRole('link', { name: 'Import from CSV' }).getAttribute('href')).toBe('/clients/import');
  });

  it('points to adding and importing clients when there are none yet', async () => {
    stubClientList(() => ({ total: 0, items: [] }));
    renderAppAt('/clients');

    expect(await screen.findByRole('heading', { level: 2, name: 'You have no clients yet' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Add a client' }).getAttribute('href')).toBe('/clients/new');
    expect(screen.getAllByRole('link', { name: 'Import from CSV' })).toHaveLength(2);
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('searches once the owner pauses typing, and keeps the search in the address', async () => {
    const asked = stubClientList((query) =>
      query.get('search') === 'ada' ? { total: 1, items: [clientFixture()] } : { total: 0, items: [] },
    );
    renderAppAt('/clients');
    await screen.findByText('No clients yet.');

    await userEvent.type(screen.getByRole('searchbox', { name: 'Search clients' }), 'ada');

    await waitFor(() => expect(path()).toBe('/clients?search=ada'));
    expect(await screen.findByRole('link', { name: 'Ada Lovelace' })).toBeTruthy();
    expect(screen.getByText('1 client found for “ada”.')).toBeTruthy();
    expect(asked.map((query) => query.get('search'))).toEqual([null, 'ada']);
  });

  it('starts with the search and page from the address', async () => {
    const asked = stubClientList(() => ({ total: 120, items: [clientFixture()] }));
    renderAppAt('/clients?search=love&page=2');

    expect(await screen.findByRole('link', { name: 'Ada Lovelace' })).toBeTruthy();
    expect((screen.getByRole('searchbox', { name: 'Search clients' }) as HTMLInputElement).value).toBe('love');
    expect(asked[0]?.toString()).toBe('search=love&page=2&pageSize=50');
  });

  it('pages through the results with numbers, next and previous', async () => {
    const asked = stubClientList((query) => ({
      total: 120,
      items: [clientFixture({ id: `client-p${query.get('page')}`, name: `Client on page ${query.get('page')}` })],
    }));
    renderAppAt('/clients');
    await screen.findByRole('link', { name: 'Client on page 1' });
    const pages = within(screen.getByRole('navigation', { name: 'Pages of clients' }));
    expect(pages.getAllByRole('link').map((link) => link.textContent)).toEqual(['1', '2', '3', 'Next page']);
    expect(pages.getByRole('link', { name: 'Page 1' }).getAttribute('aria-current')).toBe('page');

    await userEvent.click(pages.getByRole('link', { name: 'Next page' }));

    expect(await screen.findByRole('link', { name: 'Client on page 2' })).toBeTruthy();
    expect(path()).toBe('/clients?page=2');
    const after = within(screen.getByRole('navigation', { name: 'Pages of clients' }));
    expect(after.getByRole('link', { name: 'Page 2' }).getAttribute('aria-current')).toBe('page');
    expect(after.getByRole('link', { name: 'Previous page' }).getAttribute('href')).toBe('/clients');
    expect(screen.getByText('120 clients. Showing 51–51.')).toBeTruthy();

    await userEvent.click(after.getByRole('link', { name: 'Page 3' }));
    expect(await screen.findByRole('link', { name: 'Client on page 3' })).toBeTruthy();
    expect(asked.map((query) => query.get('page'))).toEqual(['1', '2', '3']);
  });

  it('selects clients, on the page or one by one, and links to writing to them', async () => {
    stubClientList(() => ({
      total: 2,
      items: [clientFixture(), clientFixture({ id: 'client-2', name: 'Augusta King', status: 'restricted' })],
    }));
    renderAppAt('/clients');
    await screen.findByRole('table');
    expect(screen.getByText('No clients selected.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Send a message' })).toBeNull();

    await userEvent.click(screen.getByRole('checkbox', { name: 'Select Augusta King' }));
    const all = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select all on this page' });
    expect(all.checked).toBe(false);
    expect(all.indeterminate).toBe(true);
    expect(screen.getByText('1 client selected.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Send a message' }).getAttribute('href')).toBe('/messages/new?clients=client-2');

    await userEvent.click(all);
    expect(all.checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select Ada Lovelace' }).checked).toBe(true);
    expect(screen.getByText('2 clients selected.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Send a message' }).getAttribute('href')).toBe('/messages/new?clients=client-2,client-1');

    await userEvent.click(screen.getByRole('button', { name: 'Clear selection' }));
    expect(screen.getByText('No clients selected.')).toBeTruthy();
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select Ada Lovelace' }).checked).toBe(false);
  });
});

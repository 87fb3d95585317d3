import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, signedInOwner, stubApi } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';

describe('DataPage', () => {
  it('lists each kind of data with its count and retention, and links to both exports', async () => {
    stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/data-summary': () =>
        jsonResponse({
          categories: [
            { key: 'clients', name: 'Clients', description: 'Names and contact details.', count: 12, retention: 'Until you delete them.' },
            { key: 'audit', name: 'Account activity', description: 'Sign-ins and changes.', count: null, retention: '12 months.' },
          ],
          generatedAt: '2026-11-21T10:00:00Z',
        }),
    });
    renderAppAt('/data');

    const table = await screen.findByRole('table', { name: /The kinds of data we hold/ });
    const clients = within(within(table).getByRole('row', { name: /Clients/ }));
    expect(clients.getByText('12')).toBeTruthy();
    expect(clients.getByText('Until you delete them.')).toBeTruthy();
    expect(within(within(table).getByRole('row', { name: /Account activity/ })).getByText('None')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Download everything as JSON' }).getAttribute('href')).toBe('/api/export?format=json');
    expect(screen.getByRole('link', { name: 'Download everything as CSV files (ZIP)' }).getAttribute('href')).toBe('/api/export?format=csv');
    expect(within(screen.getByRole('navigation', { name: 'Footer' })).getByRole('link', { name: 'Everything we hold' })).toBeTruthy();
    expect(document.title).toBe('Everything we hold · Client Reminders');
  });
});

import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { APP_SHELL_REQUESTS, clientFixture, jsonResponse, signedInOwner, stubApi } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';

function describedText(element: HTMLElement): string {
  return (element.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}

async function openNewClientForm() {
  renderAppAt('/clients/new');
  await screen.findByRole('heading', { level: 1, name: 'Add a client' });
}

describe('the client form', () => {
  it('says numbers without a country code are taken as the account’s country', async () => {
    stubApi({ 'GET /api/me': () => jsonResponse(signedInOwner) });
    await openNewClientForm();

    expect(describedText(screen.getByLabelText('Mobile number'))).toContain('taken as United Kingdom numbers, like 07700 900123');
    expect(screen.getByLabelText('Mobile number').getAttribute('type')).toBe('tel');
  });

  it('asks for a name and a mobile or email before sending anything', async () => {
    const fetchMock = stubApi({ 'GET /api/me': () => jsonResponse(signedInOwner) });
    await openNewClientForm();

    await userEvent.click(screen.getByRole('button', { name: 'Add client' }));

    const summary = await screen.findByRole('alert');
    expect(document.activeElement).toBe(summary);
    expect(summary.textContent).toContain('Enter the client’s name.');
    for (const label of ['Name', 'Mobile number', 'Email address']) {
      expect(screen.getByLabelText(label).getAttribute('aria-invalid')).toBe('true');
    }
    expect(describedText(screen.getByLabelText('Email address'))).toContain('Give a mobile number or an email address, or both.');
    expect(fetchMock.mock.calls.map(([url]) => String(url))).toEqual(APP_SHELL_REQUESTS);
  });

  it('shows the API’s field errors next to their fields', async () => {
    stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'POST /api/clients': () =>
        jsonResponse(
          {
            title: 'One or more validation errors occurred.',
            status: 400,
            errors: { Mobile: ['That is not a United Kingdom mobile number (they start with 07).'] },
          },
          400,
        ),
    });
    await openNewClientForm();
    await userEvent.type(screen.getByLabelText('Name'), 'Ada Lovelace');
    await userEvent.type(screen.getByLabelText('Mobile number'), '020 7946 0000');

    await userEvent.click(screen.getByRole('button', { name: 'Add client' }));

    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('That is not a United Kingdom mobile number (they start with 07).');
    const mobile = screen.getByLabelText('Mobile number');
    expect(mobile.getAttribute('aria-invalid')).toBe('true');
    expect(describedText(mobile)).toContain('That is not a United Kingdom mobile number');
    expect(screen.getByLabelText('Name').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Add a client' })).toBeTruthy();
  });

  it('opens the new client, saying it was added', async () => {
    const created = clientFixture({ id: 'new-1' });
    stubApi({
      'GET /api/me': () => jsonResponse(signedInOwner),
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'POST /api/clients': () => jsonResponse(created, 201),
      'GET /api/clients/new-1': () => jsonResponse(created),
    });
    await openNewClientForm();
    await userEvent.type(screen.getByLabelText('Name'), 'Ada Lovelace');
    await userEvent.type(screen.getByLabelText('Mobile number'), '07700 900123');

    await userEvent.click(screen.getByRole('button', { name: 'Add client' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Ada Lovelace' })).toBeTruthy();
    expect(screen.getByTestId('path').textContent).toBe('/clients/new-1');
    expect(screen.getAllByRole('status').map((status) => status.textContent)).toContain('Ada Lovelace has been added.');
    expect((screen.getByLabelText('Mobile number') as HTMLInputElement).value).toBe('+447700900123');
  });
});

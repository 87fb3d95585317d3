import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { clientFixture, jsonResponse, signedInOwner, stubApi } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';

const TEXT = 'Hi {ClientFirstName}, we are closed on Monday.';
const UNKNOWN = 'Unknown placeholder {Foo} at line 1, column 5.';

const preview = {
  recipients: 2,
  skipped: [{ clientId: 'client-3', clientName: 'Cleo Restricted', reason: 'restricted' }],
  sms: { encoding: 'GSM-7', characters: 36, segments: 1, totalSegments: 2 },
};

function routes(overrides: Record<string, (init?: RequestInit) => Response> = {}) {
  return stubApi({
    'GET /api/me': () => jsonResponse(signedInOwner),
    'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
    'GET /api/clients/client-1': () => jsonResponse(clientFixture()),
    'GET /api/clients/client-2': () => jsonResponse(clientFixture({ id: 'client-2', name: 'Alan Turing' })),
    'GET /api/clients/client-3': () => jsonResponse(clientFixture({ id: 'client-3', name: 'Cleo Restricted', status: 'restricted' })),
    'POST /api/messages/direct/preview': (init) => {
      const { text } = JSON.parse(String(init?.body)) as { text: string };
      return text.includes('{Foo}')
        ? jsonResponse({ title: 'One or more validation errors occurred.', status: 400, errors: { Text: [UNKNOWN] } }, 400)
        : jsonResponse(preview);
    },
    'POST /api/messages/direct': () => jsonResponse({ batchId: 'batch-1', queued: 2 }, 202),
    ...overrides,
  });
}

function calls(fetchMock: ReturnType<typeof stubApi>, url: string) {
  return fetchMock.mock.calls.filter(([called, init]) => String(called) === url && init?.method === 'POST').map(([, init]) => JSON.parse(String(init?.body)) as unknown);
}

async function openCompose() {
  renderAppAt('/messages/new?clients=client-1,client-2,client-3');
  await screen.findByRole('heading', { level: 1, name: 'Send a message' });
}

function previewRegion() {
  return within(screen.getByRole('region', { name: 'Preview' }));
}

describe('the direct message page', () => {
  it('names the recipients and previews who gets the message, who is skipped and the SMS segments', async () => {
    const fetchMock = routes();
    await openCompose();

    expect(screen.getByRole('heading', { level: 2, name: 'To 3 clients' })).toBeTruthy();
    expect(await screen.findByText('Ada Lovelace')).toBeTruthy();
    expect(await screen.findByText('Cleo Restricted', { selector: '.direct-recipients__name' })).toBeTruthy();
    expect(previewRegion().getByText('Write the message to see who gets it.')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Message'), { target: { value: TEXT } });

    expect(await previewRegion().findByText('2 clients get this message.')).toBeTruthy();
    const skipped = previewRegion().getByRole('list', { name: 'Skipped clients' });
    expect(skipped.textContent).toBe('Cleo Restricted: Restricted: nothing is sent to them.');
    expect(previewRegion().getByText(/1 segment\. In all: about 2 SMS segments\./)).toBeTruthy();
    expect(calls(fetchMock, '/api/messages/direct/preview')).toEqual([{ clientIds: ['client-1', 'client-2', 'client-3'], channel: 'sms', text: TEXT }]);
  });

  it('inserts only the three placeholders a direct message can use', async () => {
    routes();
    await openCompose();

    const chips = within(screen.getByRole('list', { name: 'Placeholders to insert into the message' })).getAllByRole('button');
    expect(chips.map((chip) => chip.textContent)).toEqual(['{ClientName}', '{ClientFirstName}', '{BusinessName}']);
    await userEvent.click(chips[1]!);
    expect(screen.getByLabelText<HTMLTextAreaElement>('Message').value).toBe('{ClientFirstName}');
  });

  it('starts from a ready-made message, which the owner can then edit', async () => {
    routes();
    await openCompose();

    await userEvent.selectOptions(screen.getByLabelText(/^Start from/), 'Running late');

    const message = screen.getByLabelText<HTMLTextAreaElement>('Message');
    expect(message.value).toBe('Hi {ClientFirstName}, we are running about 15 minutes late today. Sorry for the wait. {BusinessName}');
    await userEvent.type(message, ' See you soon.');
    expect(message.value.endsWith('{BusinessName} See you soon.')).toBe(true);
  });

  it('asks before sending, sends nothing until confirmed, then says it is on its way with a link to History', async () => {
    const fetchMock = routes();
    await openCompose();
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: TEXT } });

    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));

    const question = await screen.findByRole('group', { name: 'Send to 2 clients, about 2 SMS segments?' });
    // Focus moves in an effect after the question renders: under load the query can find it a moment before.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Send to 2 clients, about 2 SMS segments?'));
    expect(calls(fetchMock, '/api/messages/direct')).toEqual([]);

    await userEvent.click(within(question).getByRole('button', { name: 'Not yet' }));
    expect(screen.queryByRole('group', { name: /^Send to/ })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Continue' })));
    expect(calls(fetchMock, '/api/messages/direct')).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await userEvent.click(within(await screen.findByRole('group', { name: /^Send to 2 clients/ })).getByRole('button', { name: 'Yes, send' }));

    expect(await screen.findByText('Your message is on its way to 2 clients. It may take a minute or two to arrive.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See it in History' }).getAttribute('href')).toBe('/messages/history');
    expect(screen.queryByRole('form', { name: 'Direct message' })).toBeNull();
    expect(calls(fetchMock, '/api/messages/direct')).toEqual([
      { clientIds: ['client-1', 'client-2', 'client-3'], channel: 'sms', text: TEXT, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown },
    ]);
  });

  it('warns when a ready-made subject no longer fits the rewritten text, and the question shows exactly what each client gets', async () => {
    routes({
      'POST /api/messages/direct/preview': () =>
        jsonResponse({
          ...preview,
          sms: null,
          samples: [{ clientName: 'Ada Lovelace', channel: 'email', subject: 'Salon is closed today', text: 'Hi Ada, we open late on Friday.' }],
        }),
    });
    await openCompose();
    await userEvent.click(screen.getByLabelText('Email'));
    await userEvent.selectOptions(screen.getByLabelText(/^Start from/), 'Closed today');
    expect(screen.getByLabelText('Subject').getAttribute('aria-describedby') ?? '').not.toContain('hint');

    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Hi {ClientFirstName}, we open late on Friday.' } });

    expect(await screen.findByText('This subject came with the ready-made “Closed today” message: check it still fits what you wrote.')).toBeTruthy();
    expect(screen.getByLabelText<HTMLSelectElement>(/^Start from/).value).toBe('');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    const question = within(await screen.findByRole('group', { name: /^Send to 2 clients/ }));
    const sample = question.getByRole('figure', { name: 'Email to Ada Lovelace' });
    expect(sample.textContent).toContain('Subject: Salon is closed today');
    expect(sample.textContent).toContain('Hi Ada, we open late on Friday.');
  });

  it('asks for the text and an email subject before checking anything with the server', async () => {
    const fetchMock = routes();
    await openCompose();

    await userEvent.click(screen.getByRole('radio', { name: /^Email/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));

    const summary = screen.getByRole('alert');
    expect(summary.textContent).toContain('Write the message.');
    expect(summary.textContent).toContain('Write a subject for the email.');
    expect(screen.getByLabelText(/^Subject/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Message').getAttribute('aria-invalid')).toBe('true');
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
  });

  it('shows the server’s refusal next to the message when sending fails', async () => {
    routes({
      'POST /api/messages/direct': () =>
        jsonResponse({ title: 'One or more validation errors occurred.', status: 400, errors: { Text: ['The message is too long.'] } }, 400),
    });
    await openCompose();
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: TEXT } });
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await userEvent.click(within(await screen.findByRole('group', { name: /^Send to/ })).getByRole('button', { name: 'Yes, send' }));

    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('The message is too long.');
    expect(document.activeElement).toBe(summary);
    expect(screen.getByLabelText('Message').getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByRole('group', { name: /^Send to/ })).toBeNull();
  });

  it('shows an unknown placeholder from the preview on the message, and will not go on', async () => {
    const fetchMock = routes();
    await openCompose();

    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Hi {Foo}' } });

    expect(await previewRegion().findByText(UNKNOWN)).toBeTruthy();
    await waitFor(() => expect(screen.getByLabelText('Message').getAttribute('aria-invalid')).toBe('true'));

    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect((await screen.findByRole('alert')).textContent).toContain(UNKNOWN);
    expect(screen.queryByRole('group', { name: /^Send to/ })).toBeNull();
    expect(calls(fetchMock, '/api/messages/direct')).toEqual([]);
  });

  it('points to the clients list when no clients were chosen', async () => {
    routes();
    renderAppAt('/messages/new');

    expect(await screen.findByRole('heading', { level: 2, name: 'Choose who gets it first' })).toBeTruthy();
    expect(within(screen.getByRole('main')).getByRole('link', { name: 'Clients' }).getAttribute('href')).toBe('/clients');
    expect(screen.queryByRole('form', { name: 'Direct message' })).toBeNull();
  });

  it('started from the Messages page, finds and ticks clients there, then writes to them', async () => {
    const fetchMock = routes({
      'GET /api/clients?page=1&pageSize=10': () => jsonResponse({ items: [clientFixture(), clientFixture({ id: 'client-2', name: 'Alan Turing' })], page: 1, pageSize: 10, total: 2 }),
      'GET /api/clients?search=alan&page=1&pageSize=10': () => jsonResponse({ items: [clientFixture({ id: 'client-2', name: 'Alan Turing' })], page: 1, pageSize: 10, total: 1 }),
    });
    renderAppAt('/messages/new');
    const picker = within(await screen.findByRole('group', { name: 'Choose clients' }));

    await userEvent.click(await picker.findByRole('checkbox', { name: /Ada Lovelace/ }));
    await userEvent.type(picker.getByLabelText('Find a client'), 'alan');
    await userEvent.click(await picker.findByRole('checkbox', { name: /Alan Turing/ }));

    expect(screen.getByTestId('path').textContent).toBe('/messages/new?clients=client-1%2Cclient-2');
    expect(await screen.findByRole('heading', { level: 2, name: 'To 2 clients' })).toBeTruthy();
    expect(screen.getByText('Ada Lovelace', { selector: '.direct-recipients__name' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Done choosing: write the message' }));
    expect(screen.queryByRole('group', { name: 'Choose clients' })).toBeNull();
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: TEXT } });
    await waitFor(() => expect(calls(fetchMock, '/api/messages/direct/preview').at(-1)).toEqual({ clientIds: ['client-1', 'client-2'], channel: 'sms', text: TEXT }));
  });
});

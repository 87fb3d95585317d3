import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { clientFixture, jsonResponse, signedInOwner, stubApi } from '../test/fakeFetch';
import { renderAppAt } from '../test/renderApp';

function message(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    id: 'm-1',
    direction: 'in',
    kind: 'reply',
    channel: 'sms',
    at: '2026-11-23T10:30:00Z',
    text: 'Can I move to Friday afternoon instead?',
    subject: null,
    replyKind: 'rearrange',
    needsAnswer: true,
    status: null,
    delivery: null,
    reason: null,
    ...overrides,
  };
}

const reminder = message({
  id: 'm-0',
  direction: 'out',
  kind: 'reminder',
  at: '2026-11-22T09:00:00Z',
  text: 'Hi Ada, see you on Thursday at 10:30.',
  replyKind: null,
  needsAnswer: false,
  status: 'sent',
  delivery: 'delivered',
});

function conversation(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    clientId: 'client-1',
    clientName: 'Ada Lovelace',
    clientStatus: 'active',
    unread: false,
    needsAction: true,
    smsProblem: null,
    emailProblem: null,
    items: [message(), reminder],
    nextCursor: null,
    ...overrides,
  };
}

const page = {
  'GET /api/me': () => jsonResponse(signedInOwner),
  'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
  'GET /api/clients/client-1': () => jsonResponse(clientFixture()),
};

function section() {
  return within(screen.getByRole('region', { name: 'Conversation' }));
}

function posts(fetchMock: ReturnType<typeof stubApi>, url: string) {
  return fetchMock.mock.calls.filter(([called, init]) => String(called) === url && init?.method === 'POST').map(([, init]) => JSON.parse(String(init?.body ?? 'null')) as unknown);
}

async function openThread(path = '/clients/client-1') {
  renderAppAt(path);
  return within(await screen.findByRole('list', { name: 'Messages with Ada Lovelace, oldest first' }));
}

describe('a client’s conversation', () => {
  it('shows every message oldest first, each saying who wrote it, how, when and what became of it', async () => {
    stubApi({ ...page, 'GET /api/clients/client-1/conversation': () => jsonResponse(conversation()) });
    const thread = await openThread();

    const [sent, received] = thread.getAllByRole('listitem');
    expect(sent!.className).toContain('thread-message--out');
    expect(within(sent!).getByText('To Ada Lovelace')).toBeTruthy();
    expect(within(sent!).getByText('Reminder')).toBeTruthy();
    expect(within(sent!).getByText('Delivered')).toBeTruthy();
    expect(sent!.querySelector('time')?.getAttribute('dateTime')).toBe('2026-11-22T09:00:00Z');
    expect(received!.className).toContain('thread-message--in');
    expect(within(received!).getByText('From Ada Lovelace')).toBeTruthy();
    expect(within(received!).getByText('Needs to rearrange')).toBeTruthy();
    expect(within(received!).getByText('Needs an answer')).toBeTruthy();
    expect(within(received!).getByText('SMS')).toBeTruthy();
    expect(within(received!).getByText('Can I move to Friday afternoon instead?')).toBeTruthy();
  });

  it('shows why a message failed', async () => {
    stubApi({
      ...page,
      'GET /api/clients/client-1/conversation': () =>
        jsonResponse(conversation({ items: [message({ id: 'm-2', direction: 'out', kind: 'answer', replyKind: null, needsAnswer: false, status: 'failed', reason: 'allowance-used' })] })),
    });
    const thread = await openThread();

    expect(thread.getByText('Your reply')).toBeTruthy();
    expect(thread.getByText('Failed')).toBeTruthy();
    expect(thread.getByText('This month’s SMS allowance is used up.')).toBeTruthy();
  });

  it('marks an unread thread read once it shows, and counts again for the navigation', async () => {
    const fetchMock = stubApi({
      ...page,
      'GET /api/clients/client-1/conversation': () => jsonResponse(conversation({ unread: true })),
      'POST /api/clients/client-1/conversation/read': () => new Response(null, { status: 204 }),
    });
    await openThread();

    await waitFor(() => expect(posts(fetchMock, '/api/clients/client-1/conversation/read')).toHaveLength(1));
    await waitFor(() => expect(fetchMock.mock.calls.filter(([url]) => String(url) === '/api/conversations/unread')).toHaveLength(2));
  });

  it('opened from the inbox, takes the keyboard to the conversation', async () => {
    stubApi({ ...page, 'GET /api/clients/client-1/conversation': () => jsonResponse(conversation()) });
    await openThread('/clients/client-1#conversation');

    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'Conversation' })));
    expect(document.getElementById('conversation')).toBe(screen.getByRole('region', { name: 'Conversation' }));
  });

  it('shows earlier messages above, with the next cursor, and moves the keyboard to the oldest', async () => {
    stubApi({
      ...page,
      'GET /api/clients/client-1/conversation': () => jsonResponse(conversation({ nextCursor: 'older-1' })),
      'GET /api/clients/client-1/conversation?cursor=older-1': () =>
        jsonResponse(conversation({ items: [message({ id: 'm-old', at: '2026-11-01T09:00:00Z', text: 'Thanks!', replyKind: 'other', needsAnswer: false })], nextCursor: null })),
    });
    const thread = await openThread();

    await userEvent.click(section().getByRole('button', { name: 'Show earlier messages' }));

    await waitFor(() => expect(thread.getAllByRole('listitem')).toHaveLength(3));
    const [oldest] = thread.getAllByRole('listitem');
    expect(within(oldest!).getByText('Thanks!')).toBeTruthy();
    expect(document.activeElement).toBe(oldest);
    expect(section().queryByRole('button', { name: 'Show earlier messages' })).toBeNull();
  });

  it('marks a thread handled without answering', async () => {
    let handled = false;
    const fetchMock = stubApi({
      ...page,
      'GET /api/clients/client-1/conversation': () => jsonResponse(conversation({ needsAction: !handled })),
      'POST /api/clients/client-1/conversation/done': () => {
        handled = true;
        return new Response(null, { status: 204 });
      },
    });
    await openThread();

    await userEvent.click(section().getByRole('button', { name: 'Mark as handled' }));

    expect(await section().findByText('The conversation with Ada Lovelace no longer needs action.')).toBeTruthy();
    expect(section().queryByRole('button', { name: 'Mark as handled' })).toBeNull();
    expect(posts(fetchMock, '/api/clients/client-1/conversation/done')).toHaveLength(1);
  });
});

describe('answering a client', () => {
  it('sends a text with a request id, says so, clears the reply and follows it until it is delivered', async () => {
    let answered = false;
    const answer = message({ id: 'a-1', direction: 'out', kind: 'answer', at: '2026-11-23T10:40:00Z', text: 'Friday at 2 works.', replyKind: null, needsAnswer: false, status: 'sent', delivery: 'delivered' });
    const fetchMock = stubApi({
      ...page,
      'GET /api/clients/client-1/conversation': () =>
        jsonResponse(answered ? conversation({ needsAction: false, items: [answer, message({ needsAnswer: false }), reminder] }) : conversation()),
      'POST /api/clients/client-1/conversation': () => {
        answered = true;
        return jsonResponse({ id: 'reminder-1', status: 'scheduled' }, 202);
      },
    });
    const thread = await openThread();
    expect((section().getByRole('radio', { name: 'SMS' }) as HTMLInputElement).checked).toBe(true);
    expect(section().queryByLabelText(/Subject/)).toBeNull();

    await userEvent.type(section().getByLabelText('Your reply'), 'Friday at 2 works.');
    expect(section().getByText('18 of 1,000 characters')).toBeTruthy();
    await userEvent.click(section().getByRole('button', { name: 'Send reply' }));

    expect(await section().findByText(/^Reply sent to Ada Lovelace by text\./)).toBeTruthy();
    expect((section().getByLabelText('Your reply') as HTMLTextAreaElement).value).toBe('');
    const [sent] = posts(fetchMock, '/api/clients/client-1/conversation') as { requestId: string }[];
    expect(sent).toEqual({ channel: 'sms', text: 'Friday at 2 works.', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(await thread.findByText('Friday at 2 works.')).toBeTruthy();
    expect(within(thread.getAllByRole('listitem')[2]!).getByText('Delivered')).toBeTruthy();
    expect(section().queryByText('Needs an answer')).toBeNull();
  });

  it('sends a retry of the same reply with the same request id, and the next reply with a new one', async () => {
    let attempts = 0;
    const fetchMock = stubApi({
      ...page,
      'GET /api/clients/client-1/conversation': () => jsonResponse(conversation()),
      'POST /api/clients/client-1/conversation': () =>
        ++attempts === 1 ? jsonResponse({ title: 'The server had a problem.', status: 503 }, 503) : jsonResponse({ id: `a-${attempts}`, status: 'scheduled' }, 202),
    });
    await openThread();
    const reply = section().getByLabelText('Your reply');

    await userEvent.type(reply, 'Friday works.');
    await userEvent.click(section().getByRole('button', { name: 'Send reply' }));
    expect((await section().findByRole('alert')).textContent).toContain('The server had a problem.');
    await userEvent.click(section().getByRole('button', { name: 'Send reply' }));
    await section().findByText(/^Reply sent/);
    await userEvent.type(reply, 'See you then.');
    await userEvent.click(section().getByRole('button', { name: 'Send reply' }));

    await waitFor(() => expect(posts(fetchMock, '/api/clients/client-1/conversation')).toHaveLength(3));
    const [first, retry, next] = posts(fetchMock, '/api/clients/client-1/conversation') as { requestId: string; text: string }[];
    expect(retry!.requestId).toBe(first!.requestId);
    expect(retry!.text).toBe('Friday works.');
    expect(next!.requestId).not.toBe(first!.requestId);
  });

  it('asks for words before sending anything, and shows the server’s field errors next to their fields', async () => {
    const fetchMock = stubApi({
      ...page,
      'GET /api/clients/client-1/conversation': () => jsonResponse(conversation()),
      'POST /api/clients/client-1/conversation': () =>
        jsonResponse({ title: 'One or more validation errors occurred.', status: 400, errors: { Text: ['Remove the control characters.'] } }, 400),
    });
    await openThread();

    await userEvent.click(section().getByRole('button', { name: 'Send reply' }));
    expect((await section().findByRole('alert')).textContent).toContain('Write your reply.');
    expect(posts(fetchMock, '/api/clients/client-1/conversation')).toHaveLength(0);

    await userEvent.type(section().getByLabelText('Your reply'), 'Hello');
    await userEvent.click(section().getByRole('button', { name: 'Send reply' }));

    await waitFor(() => expect(section().getByRole('alert').textContent).toContain('Remove the control characters.'));
    const reply = section().getByLabelText('Your reply');
    expect(reply.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('answer-text-error')?.textContent).toContain('Remove the control characters.');
    expect((reply as HTMLTextAreaElement).value).toBe('Hello');
  });

  it('offers only the channel that can be used, saying why the other cannot, and sends an email with its subject', async () => {
    const fetchMock = stubApi({
      ...page,
      'GET /api/clients/client-1/conversation': () => jsonResponse(conversation({ smsProblem: 'No mobile number.' })),
      'POST /api/clients/client-1/conversation': () => jsonResponse({ id: 'a-1', status: 'scheduled' }, 202),
    });
    await openThread();

    const sms = section().getByRole('radio', { name: 'SMS' }) as HTMLInputElement;
    expect(sms.disabled).toBe(true);
    expect(document.getElementById(sms.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Cannot be used: No mobile number.');
    expect((section().getByRole('radio', { name: 'Email' }) as HTMLInputElement).checked).toBe(true);
    expect(section().queryByText(/of 1,000 characters/)).toBeNull();
    await userEvent.type(section().getByLabelText(/Subject/), 'Your appointment');
    await userEvent.type(section().getByLabelText('Your reply'), 'Friday works.');
    await userEvent.click(section().getByRole('button', { name: 'Send reply' }));

    await waitFor(() => expect(posts(fetchMock, '/api/clients/client-1/conversation')).toHaveLength(1));
    expect(posts(fetchMock, '/api/clients/client-1/conversation')[0]).toMatchObject({ channel: 'email', subject: 'Your appointment', text: 'Friday works.' });
    expect(await section().findByText(/^Reply sent to Ada Lovelace by email\./)).toBeTruthy();
  });

  it('says a client who replied STOP can be sent nothing more, instead of offering the form', async () => {
    const stop = 'Ada replied STOP, so no more texts or emails can be sent to them.';
    stubApi({
      ...page,
      'GET /api/clients/client-1': () => jsonResponse(clientFixture({ status: 'opted-out' })),
      'GET /api/clients/client-1/conversation': () =>
        jsonResponse(
          conversation({
            clientStatus: 'opted-out',
            smsProblem: stop,
            emailProblem: stop,
            items: [message({ id: 'm-stop', text: 'STOP', replyKind: 'stop', needsAnswer: false }), reminder],
          }),
        ),
    });
    const thread = await openThread();

    expect(thread.getByText('Stopped messages')).toBeTruthy();
    expect(section().getByRole('note').textContent).toBe('Ada Lovelace replied STOP. Nothing more can be sent to them unless they text START.');
    expect(section().queryByRole('form')).toBeNull();
    expect(section().queryByRole('button', { name: 'Send reply' })).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import {
  getConversation,
  getUnreadCounts,
  listConversations,
  markConversationHandled,
  markConversationRead,
  parseConversationMessage,
  sendConversationAnswer,
} from './conversations';

const summary = {
  clientId: 'c1',
  clientName: 'Ann Archer',
  clientStatus: 'opted-out',
  unread: true,
  needsAction: false,
  lastAt: '2026-11-23T10:30:00Z',
  lastMessage: { direction: 'in', kind: 'stop', text: 'STOP', at: '2026-11-23T10:30:00Z' },
};

describe('conversations api', () => {
  it('lists a filtered page of conversations with the counts and the next cursor', async () => {
    stubApi({
      'GET /api/conversations?filter=unread&cursor=abc%3D': () =>
        jsonResponse({
          items: [summary, { ...summary, clientId: 'c2', clientStatus: 'someday', unread: false, lastMessage: null }],
          nextCursor: 'def',
          unread: 1,
          needsAction: 0,
        }),
    });

    const page = await listConversations('unread', 'abc=');

    expect(page.nextCursor).toBe('def');
    expect(page.unread).toBe(1);
    expect(page.items[0]).toEqual({ ...summary, lastMessage: { ...summary.lastMessage, kind: 'reply', replyKind: 'stop' } });
    expect(page.items[1]).toMatchObject({ clientId: 'c2', clientStatus: 'active', unread: false, lastMessage: null });
  });

  it('asks for the unread counts with the last ETag, and reads a 304 as unchanged', async () => {
    const fetchMock = stubApi({
      'GET /api/conversations/unread': (init) =>
        new Headers(init?.headers).get('If-None-Match') === '"v1"'
          ? new Response(null, { status: 304 })
          : new Response(JSON.stringify({ unread: 3, needsAction: 1 }), { status: 200, headers: { ETag: '"v1"' } }),
    });

    expect(await getUnreadCounts(null)).toEqual({ changed: true, counts: { unread: 3, needsAction: 1 }, etag: '"v1"' });
    expect(await getUnreadCounts('"v1"')).toEqual({ changed: false });
    expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).has('If-None-Match')).toBe(false);
  });

  it('reads a thread, newest first, each message with what the owner needs to know', async () => {
    stubApi({
      'GET /api/clients/c%2F1/conversation?cursor=older': () =>
        jsonResponse({
          clientId: 'c/1',
          clientName: 'Ann Archer',
          clientStatus: 'active',
          unread: false,
          needsAction: true,
          smsProblem: null,
          emailProblem: 'No email address.',
          items: [
            {
              id: 'm2',
              direction: 'out',
              kind: 'answer',
              channel: 'email',
              at: '2026-11-23T10:35:00Z',
              text: 'Friday works.',
              subject: 'Your appointment',
              replyKind: null,
              needsAnswer: false,
              status: 'sent',
              delivery: 'delivered',
              reason: null,
            },
            { id: 'm1', direction: 'in', kind: 'reply', channel: 'sms', at: '2026-11-23T10:30:00Z', text: 'Friday?', replyKind: 'rearrange', needsAnswer: true },
          ],
          nextCursor: null,
        }),
    });

    const conversation = await getConversation('c/1', 'older');

    expect(conversation).toMatchObject({ clientId: 'c/1', needsAction: true, smsProblem: null, emailProblem: 'No email address.', nextCursor: null });
    expect(conversation.items.map(({ id, kind, channel, replyKind, needsAnswer, status, delivery }) => ({ id, kind, channel, replyKind, needsAnswer, status, delivery }))).toEqual([
      { id: 'm2', kind: 'answer', channel: 'email', replyKind: null, needsAnswer: false, status: 'sent', delivery: 'delivered' },
      { id: 'm1', kind: 'reply', channel: 'sms', replyKind: 'rearrange', needsAnswer: true, status: null, delivery: null },
    ]);
  });

  it('names the inbox’s latest message by what the client asked for, or by what we sent', async () => {
    stubApi({
      'GET /api/conversations?filter=all': () =>
        jsonResponse({
          items: [
            { ...summary, lastMessage: { direction: 'in', kind: 'rearrange', text: 'Friday?', at: summary.lastAt } },
            { ...summary, clientId: 'c2', lastMessage: { direction: 'out', kind: 'auto-reply', text: 'You are opted out.', at: summary.lastAt } },
          ],
          nextCursor: null,
          unread: 1,
          needsAction: 1,
        }),
    });

    const { items } = await listConversations('all', null);

    expect(items.map((item) => item.lastMessage && { kind: item.lastMessage.kind, replyKind: item.lastMessage.replyKind })).toEqual([
      { kind: 'reply', replyKind: 'rearrange' },
      { kind: 'auto-reply', replyKind: null },
    ]);
  });

  it('reads kinds, reply kinds and deliveries it does not know as the plainest ones', () => {
    expect(parseConversationMessage({ id: 'x', direction: 'in', kind: 'carrier-pigeon', channel: 'link', replyKind: 'maybe', delivery: 'lost' })).toMatchObject({
      kind: 'reply',
      channel: 'link',
      replyKind: 'other',
      delivery: null,
    });
    expect(parseConversationMessage({ id: 'y', direction: 'out', kind: 'new-kind', replyKind: 'stop' })).toMatchObject({ kind: 'direct', replyKind: null });
  });

  it('sends an answer, marks a thread read and handled, each with the security token; an SMS goes without a subject', async () => {
    const fetchMock = stubApi({
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'POST /api/clients/c1/conversation': () => jsonResponse({ id: 'a1', status: 'scheduled' }, 202),
      'POST /api/clients/c1/conversation/read': () => new Response(null, { status: 204 }),
      'POST /api/clients/c1/conversation/done': () => new Response(null, { status: 204 }),
    });

    expect(await sendConversationAnswer('c1', { channel: 'sms', text: 'See you Friday', subject: 'Ignored', requestId: 'req-1' })).toEqual({
      id: 'a1',
      status: 'scheduled',
    });
    await sendConversationAnswer('c1', { channel: 'email', text: 'See you Friday', subject: ' Friday ', requestId: 'req-2' });
    await markConversationRead('c1');
    await markConversationHandled('c1');

    const posts = fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(posts.map(([url]) => String(url))).toEqual([
      '/api/clients/c1/conversation',
      '/api/clients/c1/conversation',
      '/api/clients/c1/conversation/read',
      '/api/clients/c1/conversation/done',
    ]);
    expect(posts.every(([, init]) => new Headers(init?.headers).get('X-CSRF-Token') === 'csrf-1')).toBe(true);
    expect(JSON.parse(String(posts[0]?.[1]?.body))).toEqual({ channel: 'sms', text: 'See you Friday', requestId: 'req-1' });
    expect(JSON.parse(String(posts[1]?.[1]?.body))).toEqual({ channel: 'email', text: 'See you Friday', subject: 'Friday', requestId: 'req-2' });
  });
});

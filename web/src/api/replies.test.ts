import { describe, expect, it } from 'vitest';
import { jsonResponse, stubApi } from '../test/fakeFetch';
import { listReplies, markReplyRead, simulateInboundSms } from './replies';

describe('replies api', () => {
  it('lists replies, reading a kind it does not know as a plain message', async () => {
    stubApi({
      'GET /api/replies': () =>
        jsonResponse({
          items: [
            { id: 'r1', clientId: 'c1', clientName: 'Ada', kind: 'stop', text: 'STOP', receivedAt: '2026-11-23T10:30:00Z', read: false },
            { id: 'r2', clientId: 'c1', clientName: 'Ada', kind: 'reschedule', text: 'Can we move it?', receivedAt: '2026-11-23T10:00:00Z', read: true },
          ],
        }),
    });

    const replies = await listReplies();

    expect(replies.map(({ id, kind, read }) => ({ id, kind, read }))).toEqual([
      { id: 'r1', kind: 'stop', read: false },
      { id: 'r2', kind: 'other', read: true },
    ]);
  });

  it('marks a reply read and simulates an inbound text, both with the security token', async () => {
    const fetchMock = stubApi({
      'GET /api/auth/csrf': () => jsonResponse({ token: 'csrf-1' }),
      'POST /api/replies/r%2F1/read': () => new Response(null, { status: 204 }),
      'POST /api/dev/inbound-sms': () => new Response(null, { status: 202 }),
    });

    await markReplyRead('r/1');
    await simulateInboundSms(' +447700900123 ', 'STOP');

    const posts = fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(posts.map(([url]) => String(url))).toEqual(['/api/replies/r%2F1/read', '/api/dev/inbound-sms']);
    expect(posts.every(([, init]) => new Headers(init?.headers).get('X-CSRF-Token') === 'csrf-1')).toBe(true);
    expect(JSON.parse(String(posts[1]?.[1]?.body))).toEqual({ from: '+447700900123', text: 'STOP' });
  });
});

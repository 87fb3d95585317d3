import { vi } from 'vitest';

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function stubFetch(answer: (url: string, init?: RequestInit) => Promise<Response>) {
  const fetchMock = vi.fn<typeof fetch>((input, init) => answer(String(input), init));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export function stubFetchNeverAnswering() {
  return stubFetch(
    (_url, init) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      }),
  );
}

export const healthyReport = {
  status: 'Healthy',
  version: '0.1.0',
  checks: [
    { name: 'tables', status: 'Healthy', durationMs: 3, error: null },
    { name: 'queues', status: 'Healthy', durationMs: 4, error: null },
  ],
};

export const queuesDownReport = {
  status: 'Unhealthy',
  version: '0.1.0',
  checks: [
    { name: 'tables', status: 'Healthy', durationMs: 3, error: null },
    { name: 'queues', status: 'Unhealthy', durationMs: 5002, error: 'Queue service unreachable: Connection refused' },
  ],
};

export const signedInOwner = {
  id: 'owner-1',
  businessName: 'Ada Hair Studio',
  ownerName: 'Ada Lovelace',
  email: 'ada@example.com',
  country: 'GB',
  timeZone: 'Europe/London',
  createdAt: '2026-11-01T09:00:00Z',
  pendingEmail: null,
  plan: { code: 'trial', name: 'Free trial', endsAt: '2026-12-01T00:00:00Z', smsAllowance: 50, smsUsed: 12 },
};

type ApiAnswer = (init?: RequestInit) => Response | Promise<Response>;

/** Answers "METHOD /api/path" from a table; anything else is a 404 problem. */
export function stubApi(routes: Record<string, ApiAnswer>) {
  return stubFetch(async (url, init) => {
    const answer = routes[`${init?.method ?? 'GET'} ${url}`];
    return answer !== undefined ? answer(init) : jsonResponse({ title: 'Not Found', status: 404 }, 404);
  });
}

export function clientFixture(overrides: Partial<Record<string, unknown>> = {}) {
  return {
    id: 'client-1',
    name: 'Ada Lovelace',
    mobile: '+447700900123',
    email: 'ada@example.com',
    status: 'active',
    duplicates: [],
    createdAt: '2026-11-20T09:00:00Z',
    updatedAt: '2026-11-20T09:00:00Z',
    ...overrides,
  };
}

/** What the signed-in app asks for on any page, before the page does anything: who is signed in, then the navigation's review and unread counts. */
export const APP_SHELL_REQUESTS = ['/api/me', '/api/calendars', '/api/conversations/unread'];

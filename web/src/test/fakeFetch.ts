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

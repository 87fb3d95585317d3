import { describe, expect, it } from 'vitest';
import { jsonResponse, stubFetch, stubFetchNeverAnswering } from '../test/fakeFetch';
import { ApiError, apiGet, apiPost, onSessionEnded } from './client';

describe('apiGet', () => {
  it('asks /api for JSON with same-origin credentials and returns the body', async () => {
    const fetchMock = stubFetch(async () => jsonResponse({ name: 'Ada' }));

    const body = await apiGet<{ name: string }>('/clients/1');

    expect(body).toEqual({ name: 'Ada' });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/clients/1');
    expect(init?.method).toBe('GET');
    expect(init?.credentials).toBe('same-origin');
    expect(new Headers(init?.headers).get('Accept')).toBe('application/json');
  });

  it('uses the problem details "detail" as the error message', async () => {
    stubFetch(async () =>
      jsonResponse({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'The phone number is not valid.' }, 400),
    );

    const error = await apiGet('/clients').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, failure: 'http', message: 'The phone number is not valid.' });
  });

  it('falls back to the problem details "title" when there is no detail', async () => {
    stubFetch(async () => jsonResponse({ title: 'One or more validation errors occurred.', status: 422 }, 422));

    await expect(apiGet('/clients')).rejects.toMatchObject({
      status: 422,
      message: 'One or more validation errors occurred.',
    });
  });

  it('uses a plain "error" field when the body is not problem details', async () => {
    stubFetch(async () => jsonResponse({ error: 'Calendar is not connected.' }, 409));

    await expect(apiGet('/calendars')).rejects.toMatchObject({ status: 409, message: 'Calendar is not connected.' });
  });

  it('gives a readable message when the error body is not JSON', async () => {
    stubFetch(async () => new Response('<html>Bad gateway</html>', { status: 502 }));

    await expect(apiGet('/clients')).rejects.toMatchObject({
      status: 502,
      failure: 'http',
      message: 'The server had a problem (HTTP 502). Please try again shortly.',
    });
  });

  it('gives up with a timeout error when the server is too slow', async () => {
    stubFetchNeverAnswering();

    await expect(apiGet('/health', { timeoutMs: 10 })).rejects.toMatchObject({
      status: null,
      failure: 'timeout',
      message: 'The server took too long to answer.',
    });
  });

  it('reports the server as unreachable when the network fails', async () => {
    stubFetch(async () => {
      throw new TypeError('Failed to fetch');
    });

    await expect(apiGet('/health')).rejects.toMatchObject({ status: null, failure: 'unreachable' });
  });

  it('passes the caller cancelling through as an abort, not an API error', async () => {
    stubFetchNeverAnswering();
    const controller = new AbortController();

    const request = apiGet('/health', { signal: controller.signal });
    controller.abort();

    await expect(request).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('session ending', () => {
  function countSessionEnds(): { count: () => number; stop: () => void } {
    let reports = 0;
    const stop = onSessionEnded(() => {
      reports += 1;
    });
    return { count: () => reports, stop };
  }

  it('is reported when a call answers 401: calls need a signed-in owner unless they say otherwise', async () => {
    stubFetch(async () => jsonResponse({ title: 'Unauthorized', status: 401 }, 401));
    const ends = countSessionEnds();

    await apiGet('/me/audit').catch(() => undefined);
    ends.stop();

    expect(ends.count()).toBe(1);
  });

  it('is not reported for a public call, whose 401 is an answer', async () => {
    stubFetch(async (url) => (url === '/api/auth/csrf' ? jsonResponse({ token: 'token-1' }) : jsonResponse({ title: 'Unauthorized', status: 401 }, 401)));
    const ends = countSessionEnds();

    await apiGet('/me', { signedIn: false }).catch(() => undefined);
    await apiPost('/auth/login', {}, { signedIn: false }).catch(() => undefined);
    ends.stop();

    expect(ends.count()).toBe(0);
  });
});

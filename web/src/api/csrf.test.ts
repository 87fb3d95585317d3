import { describe, expect, it } from 'vitest';
import { jsonResponse, stubFetch } from '../test/fakeFetch';
import { ApiError, apiDelete, apiGet, apiPost, apiPut, clearCsrfToken, fieldErrorsFrom } from './client';

const csrfProblem = { type: 'https://clientreminders.example/problems/csrf', title: 'The CSRF token is invalid.', status: 403 };

function tokenHeader(init: RequestInit | undefined): string | null {
  return new Headers(init?.headers).get('X-CSRF-Token');
}

describe('CSRF token', () => {
  it('is fetched once, lazily, and sent with every POST, PUT and DELETE', async () => {
    const fetchMock = stubFetch(async (url) => (url === '/api/auth/csrf' ? jsonResponse({ token: 'token-1' }) : jsonResponse({ ok: true })));

    await apiPost('/support', { message: 'Hello' });
    await apiPut('/me', { businessName: 'Ada' });
    await apiDelete('/me', { password: 'secret' });

    const calls = fetchMock.mock.calls.map(([url, init]) => [init?.method, String(url), tokenHeader(init)]);
    expect(calls).toEqual([
      ['GET', '/api/auth/csrf', null],
      ['POST', '/api/support', 'token-1'],
      ['PUT', '/api/me', 'token-1'],
      ['DELETE', '/api/me', 'token-1'],
    ]);
    const [, postInit] = fetchMock.mock.calls[1] ?? [];
    expect(postInit?.body).toBe(JSON.stringify({ message: 'Hello' }));
    expect(new Headers(postInit?.headers).get('Content-Type')).toBe('application/json');
  });

  it('is not sent with a GET', async () => {
    const fetchMock = stubFetch(async () => jsonResponse({}));

    await apiGet('/me');

    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(tokenHeader(fetchMock.mock.calls[0]?.[1])).toBeNull();
  });

  it('is fetched again and the request retried once after a CSRF 403', async () => {
    let tokens = 0;
    const fetchMock = stubFetch(async (url, init) => {
      if (url === '/api/auth/csrf') {
        tokens += 1;
        return jsonResponse({ token: `token-${tokens}` });
      }
      return tokenHeader(init) === 'token-2' ? jsonResponse({ message: 'Sent.' }, 202) : jsonResponse(csrfProblem, 403);
    });

    await expect(apiPost('/support', {})).resolves.toEqual({ message: 'Sent.' });

    expect(fetchMock.mock.calls.map(([url, init]) => `${String(url)} ${tokenHeader(init) ?? '-'}`)).toEqual([
      '/api/auth/csrf -',
      '/api/support token-1',
      '/api/auth/csrf -',
      '/api/support token-2',
    ]);
  });

  it('gives up after one retry when the token is refused again', async () => {
    const fetchMock = stubFetch(async (url) => (url === '/api/auth/csrf' ? jsonResponse({ token: 'stale' }) : jsonResponse(csrfProblem, 403)));

    await expect(apiPost('/support', {})).rejects.toMatchObject({ status: 403 });

    expect(fetchMock.mock.calls.filter(([url]) => String(url) === '/api/support')).toHaveLength(2);
  });

  it('does not retry a 403 that is not about the CSRF token', async () => {
    const fetchMock = stubFetch(async (url) =>
      url === '/api/auth/csrf' ? jsonResponse({ token: 'token-1' }) : jsonResponse({ title: 'Forbidden', status: 403 }, 403),
    );

    await expect(apiPost('/me/email', {})).rejects.toMatchObject({ status: 403 });

    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('is fetched afresh after being cleared, as after signing in or out', async () => {
    let tokens = 0;
    stubFetch(async (url) => {
      if (url === '/api/auth/csrf') {
        tokens += 1;
        return jsonResponse({ token: `token-${tokens}` });
      }
      return new Response(null, { status: 204 });
    });

    await apiPost('/auth/logout');
    clearCsrfToken();
    await apiPost('/support', {});

    expect(tokens).toBe(2);
  });
});

describe('problem details', () => {
  it('carries each field’s messages, with camelCase names', async () => {
    stubFetch(async (url) =>
      url === '/api/auth/csrf'
        ? jsonResponse({ token: 'token-1' })
        : jsonResponse(
            {
              type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1',
              title: 'One or more validation errors occurred.',
              status: 400,
              errors: { businessName: ['Enter the name of your business.'], Password: ['Use at least 12 characters.', 'Too common.'] },
            },
            400,
          ),
    );

    const error = await apiPost('/auth/signup', {}).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldErrors).toEqual({
      businessName: ['Enter the name of your business.'],
      password: ['Use at least 12 characters.', 'Too common.'],
    });
    expect((error as ApiError).message).toBe('One or more validation errors occurred.');
  });

  it('has no field errors when the problem has none', () => {
    expect(fieldErrorsFrom({ title: 'Bad Request', status: 400, detail: 'The link has expired.' })).toEqual({});
    expect(fieldErrorsFrom(undefined)).toEqual({});
  });

  it('says how long to wait after too many attempts', async () => {
    stubFetch(async (url) =>
      url === '/api/auth/csrf'
        ? jsonResponse({ token: 'token-1' })
        : new Response(JSON.stringify({ title: 'Too Many Requests', status: 429 }), { status: 429, headers: { 'Retry-After': '300' } }),
    );

    await expect(apiPost('/auth/login', {})).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 300,
      message: 'Too many attempts. Try again in 5 minutes.',
    });
  });

  it('counts seconds when the wait is under a minute', async () => {
    stubFetch(async (url) =>
      url === '/api/auth/csrf' ? jsonResponse({ token: 'token-1' }) : new Response(null, { status: 429, headers: { 'Retry-After': '30' } }),
    );

    await expect(apiPost('/auth/login', {})).rejects.toMatchObject({ message: 'Too many attempts. Try again in 30 seconds.' });
  });
});

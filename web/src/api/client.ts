export const API_BASE_PATH = '/api';
export const DEFAULT_TIMEOUT_MS = 10_000;

/** Why a request failed: the server answered with an error, it could not be reached, or it was too slow. */
export type ApiFailure = 'http' | 'unreachable' | 'timeout';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number | null;
  readonly failure: ApiFailure;

  constructor(message: string, status: number | null, failure: ApiFailure) {
    super(message);
    this.status = status;
    this.failure = failure;
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Statuses besides 2xx whose body is data rather than an error, e.g. 503 from /health. */
  acceptStatuses?: readonly number[];
}

export interface ApiResponse<T> {
  status: number;
  body: T;
}

export async function apiGet<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiRequest<T>('GET', path, options);
  return response.body;
}

export async function apiRequest<T>(
  method: string,
  path: string,
  { signal, timeoutMs = DEFAULT_TIMEOUT_MS, acceptStatuses = [] }: RequestOptions = {},
): Promise<ApiResponse<T>> {
  if (!path.startsWith('/')) {
    throw new TypeError(`API paths start with "/": got "${path}"`);
  }

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const abortFromCaller = () => controller.abort();
  signal?.addEventListener('abort', abortFromCaller, { once: true });
  if (signal?.aborted) {
    controller.abort();
  }

  try {
    const response = await fetch(`${API_BASE_PATH}${path}`, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      signal: controller.signal,
    });
    const body = await readJson(response);
    if (!response.ok && !acceptStatuses.includes(response.status)) {
      throw new ApiError(errorMessageFrom(body, response.status), response.status, 'http');
    }
    return { status: response.status, body: body as T };
  } catch (error) {
    if (error instanceof ApiError) {
      throw error;
    }
    if (timedOut) {
      throw new ApiError('The server took too long to answer.', null, 'timeout');
    }
    if (signal?.aborted) {
      throw error;
    }
    throw new ApiError('Could not reach the server. Check your connection and try again.', null, 'unreachable');
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abortFromCaller);
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Prefers RFC 7807 problem details (`detail`, then `title`), then a plain `error` field. */
export function errorMessageFrom(body: unknown, status: number): string {
  if (isRecord(body)) {
    for (const key of ['detail', 'title', 'error'] as const) {
      const value = body[key];
      if (typeof value === 'string' && value.trim() !== '') {
        return value;
      }
    }
  }
  return fallbackMessage(status);
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'You need to sign in again.';
  if (status === 403) return 'You do not have access to this.';
  if (status === 404) return 'We could not find what you asked for.';
  if (status === 429) return 'Too many requests. Please wait a moment and try again.';
  if (status >= 500) return `The server had a problem (HTTP ${status}). Please try again shortly.`;
  return `The request failed (HTTP ${status}).`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

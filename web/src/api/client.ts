export const API_BASE_PATH = '/api';
export const DEFAULT_TIMEOUT_MS = 10_000;
export const CSRF_HEADER = 'X-CSRF-Token';

/** Why a request failed: the server answered with an error, it could not be reached, or it was too slow. */
export type ApiFailure = 'http' | 'unreachable' | 'timeout';

/** Field name (camelCase, as the API names it) → messages for that field. */
export type FieldErrors = Record<string, string[]>;

export interface ApiErrorDetails {
  fieldErrors?: FieldErrors;
  /** Seconds from a 429's Retry-After header. */
  retryAfterSeconds?: number | null;
  problemType?: string | null;
  problemTitle?: string | null;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number | null;
  readonly failure: ApiFailure;
  readonly fieldErrors: FieldErrors;
  readonly retryAfterSeconds: number | null;
  readonly problemType: string | null;
  readonly problemTitle: string | null;

  constructor(message: string, status: number | null, failure: ApiFailure, details: ApiErrorDetails = {}) {
    super(message);
    this.status = status;
    this.failure = failure;
    this.fieldErrors = details.fieldErrors ?? {};
    this.retryAfterSeconds = details.retryAfterSeconds ?? null;
    this.problemType = details.problemType ?? null;
    this.problemTitle = details.problemTitle ?? null;
  }

  get isCsrfFailure(): boolean {
    return this.status === 403 && /csrf|anti-?forgery/i.test(`${this.problemType ?? ''} ${this.problemTitle ?? ''}`);
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Statuses besides 2xx whose body is data rather than an error, e.g. 503 from /health. */
  acceptStatuses?: readonly number[];
  /** A JSON body; sent with Content-Type application/json. */
  body?: unknown;
  /** A multipart body (file uploads); the browser sets its Content-Type with the boundary. */
  form?: FormData;
  /**
   * Most endpoints need a signed-in owner, so a 401 means the session ended (see onSessionEnded). False for the
   * public ones (signing in or up, links from emails, /health), where a 401 is an answer.
   */
  signedIn?: boolean;
  /** More request headers, e.g. If-None-Match for a cheap poll (with 304 in acceptStatuses). */
  headers?: Record<string, string>;
}

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export async function apiGet<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await apiRequest<T>('GET', path, options);
  return response.body;
}

export async function apiPost<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  return (await apiRequest<T>('POST', path, { ...options, body })).body;
}

export async function apiPut<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  return (await apiRequest<T>('PUT', path, { ...options, body })).body;
}

export async function apiDelete<T>(path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  return (await apiRequest<T>('DELETE', path, { ...options, body })).body;
}

/** POSTs multipart/form-data (with the CSRF header, like every write). */
export async function apiPostForm<T>(path: string, form: FormData, options: RequestOptions = {}): Promise<T> {
  return (await apiRequest<T>('POST', path, { ...options, body: undefined, form })).body;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

let csrfToken: Promise<string> | null = null;

/** The token is bound to the session: forget it after signing in or out so the next write fetches a new one. */
export function clearCsrfToken(): void {
  csrfToken = null;
}

function currentCsrfToken(options: RequestOptions): Promise<string> {
  if (csrfToken === null) {
    const fetching = fetchCsrfToken(options);
    csrfToken = fetching;
    fetching.catch(() => {
      if (csrfToken === fetching) {
        csrfToken = null;
      }
    });
  }
  return csrfToken;
}

async function fetchCsrfToken({ signal, timeoutMs }: RequestOptions): Promise<string> {
  const { body } = await send<unknown>('GET', '/auth/csrf', { ...(signal ? { signal } : {}), ...(timeoutMs ? { timeoutMs } : {}) }, null);
  if (!isRecord(body) || typeof body.token !== 'string' || body.token === '') {
    throw new ApiError('The server answered the security check in an unexpected format.', 200, 'http');
  }
  return body.token;
}

type SessionEndedListener = () => void;
const sessionEndedListeners = new Set<SessionEndedListener>();

/** Called when an endpoint that needs a session answers 401. Returns a function that stops listening. */
export function onSessionEnded(listener: SessionEndedListener): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  if (!path.startsWith('/')) {
    throw new TypeError(`API paths start with "/": got "${path}"`);
  }
  try {
    if (SAFE_METHODS.has(method)) {
      return await send<T>(method, path, options, null);
    }
    try {
      return await send<T>(method, path, options, await currentCsrfToken(options));
    } catch (error) {
      if (!(error instanceof ApiError && error.isCsrfFailure)) {
        throw error;
      }
      // The session changed under the cached token (signed in elsewhere, expired): one retry with a fresh one.
      clearCsrfToken();
      return await send<T>(method, path, options, await currentCsrfToken(options));
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && options.signedIn !== false) {
      sessionEndedListeners.forEach((listener) => listener());
    }
    throw error;
  }
}

async function send<T>(
  method: string,
  path: string,
  { signal, timeoutMs = DEFAULT_TIMEOUT_MS, acceptStatuses = [], body, form, headers: extraHeaders = {} }: RequestOptions,
  csrf: string | null,
): Promise<ApiResponse<T>> {
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

  const headers: Record<string, string> = { ...extraHeaders, Accept: 'application/json' };
  if (body !== undefined && form === undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (csrf !== null) {
    headers[CSRF_HEADER] = csrf;
  }

  try {
    const response = await fetch(`${API_BASE_PATH}${path}`, {
      method,
      credentials: 'same-origin',
      headers,
      signal: controller.signal,
      ...(form !== undefined ? { body: form } : body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const responseBody = await readJson(response);
    if (!response.ok && !acceptStatuses.includes(response.status)) {
      throw apiErrorFrom(responseBody, response);
    }
    return { status: response.status, body: responseBody as T, headers: response.headers };
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

function apiErrorFrom(body: unknown, response: Response): ApiError {
  const retryAfterSeconds = response.status === 429 ? parseRetryAfter(response.headers.get('Retry-After')) : null;
  const message = response.status === 429 ? tooManyAttemptsMessage(retryAfterSeconds) : errorMessageFrom(body, response.status);
  return new ApiError(message, response.status, 'http', {
    fieldErrors: fieldErrorsFrom(body),
    retryAfterSeconds,
    problemType: isRecord(body) && typeof body.type === 'string' ? body.type : null,
    problemTitle: isRecord(body) && typeof body.title === 'string' ? body.title : null,
  });
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

/** Reads problem details `errors`; keys are camelCased so "BusinessName" and "businessName" both match the field. */
export function fieldErrorsFrom(body: unknown): FieldErrors {
  const fieldErrors: FieldErrors = {};
  if (!isRecord(body) || !isRecord(body.errors)) {
    return fieldErrors;
  }
  for (const [key, value] of Object.entries(body.errors)) {
    const messages = (Array.isArray(value) ? value : [value]).filter(
      (message): message is string => typeof message === 'string' && message.trim() !== '',
    );
    if (messages.length > 0) {
      const field = camelCase(key);
      fieldErrors[field] = [...(fieldErrors[field] ?? []), ...messages];
    }
  }
  return fieldErrors;
}

function camelCase(key: string): string {
  return key === '' ? key : key.charAt(0).toLowerCase() + key.slice(1);
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now: Date = new Date()): number | null {
  if (header === null || header.trim() === '') {
    return null;
  }
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}

export function tooManyAttemptsMessage(retryAfterSeconds: number | null): string {
  if (retryAfterSeconds === null) {
    return 'Too many attempts. Please wait a little and try again.';
  }
  if (retryAfterSeconds < 60) {
    const seconds = Math.max(1, retryAfterSeconds);
    return `Too many attempts. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
  }
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `Too many attempts. Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
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

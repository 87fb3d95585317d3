export const DEFAULT_SIGNED_IN_PATH = '/dashboard';

/**
 * Returns `next` only when it is a path on this site; anything that could leave it
 * (`//evil.com`, `https://evil.com`, `/\evil`) or carries control characters falls back to the dashboard.
 */
export function safeNextPath(next: string | null | undefined, fallback = DEFAULT_SIGNED_IN_PATH): string {
  if (next === null || next === undefined || next === '') {
    return fallback;
  }
  // Browsers treat "\" like "/" and drop tabs and newlines, so "/\evil" and "/\t/evil" are "//evil".
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses.
  if (!next.startsWith('/') || next.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(next)) {
    return fallback;
  }
  const base = 'https://client-reminders.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) {
    return fallback;
  }
  return `${url.pathname}${url.search}${url.hash}`;
}

export function signInPathFor(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}

/** Formats an instant in the owner's time zone and the browser's locale; an unknown zone falls back to the browser's. */
export function formatInstant(iso: string, timeZone: string, style: 'date' | 'date-time' = 'date-time', locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const options: Intl.DateTimeFormatOptions = style === 'date' ? { dateStyle: 'long' } : { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(date);
  }
}

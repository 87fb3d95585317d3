/** Dates and times as the API's local ISO strings carry them: "2026-11-24T10:30:00" with no offset. */

export function datePart(local: string): string {
  return local.slice(0, 10);
}

/** "2026-11-24T10:30:00" → "10:30". */
export function timePart(local: string): string {
  return local.slice(11, 16);
}

export function joinLocal(date: string, time: string): string {
  return `${date}T${time}:00`;
}

/** "10:30" → "11:30"; past midnight it wraps round ("23:30" → "00:30"). */
export function addHour(time: string): string {
  const minutes = minutesOf(time);
  if (minutes === null) {
    return '';
  }
  const later = (minutes + 60) % (24 * 60);
  return `${pad(Math.floor(later / 60))}:${pad(later % 60)}`;
}

export function minutesOf(time: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (match === null) {
    return null;
  }
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Today's date where `timeZone` is, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function addDays(date: string, days: number): string {
  const utc = utcOf(date);
  if (utc === null) {
    return date;
  }
  return new Date(utc + days * 86_400_000).toISOString().slice(0, 10);
}

/** "2026-11-24" → "Tuesday 24 November 2026" in the browser's language. */
export function formatDay(date: string, locale?: string): string {
  const utc = utcOf(date);
  return utc === null ? date : new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(utc);
}

/** "10:30" → "10:30" or "10:30 AM", as the browser's language writes times. */
export function formatTime(time: string, locale?: string): string {
  const minutes = minutesOf(time);
  if (minutes === null) {
    return time;
  }
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: 'UTC' }).format(Date.UTC(2000, 0, 1, 0, minutes));
}

function utcOf(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) {
    return null;
  }
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

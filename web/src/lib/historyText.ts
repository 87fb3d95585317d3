import type { HistoryKind } from '../api/history';

/** Reasons the API may give as a short code; a sentence from it is shown as it is. */
const REASON_TEXT: Record<string, string> = {
  restricted: 'Restricted: nothing is sent to them.',
  'opted-out': 'They replied STOP, so no texts are sent to them.',
  'email-opted-out': 'They unsubscribed from email.',
  'no-mobile': 'No mobile number.',
  'no-email': 'No email address.',
  'no-contact': 'No mobile number or email address.',
  anonymised: 'Anonymised: their details are gone.',
  deleted: 'The client was removed.',
  'not-found': 'The client was not found. They may have been deleted.',
  'allowance-used': 'This month’s SMS allowance is used up.',
  'plan-ended': 'Your plan has ended.',
  duplicate: 'Already in this message.',
};

/** "opted-out" → "They replied STOP, …"; "SomethingNew" → "Something new."; a sentence stays as it is. */
export function reasonText(reason: string): string {
  const trimmed = reason.trim();
  const known = REASON_TEXT[trimmed] ?? REASON_TEXT[trimmed.toLowerCase()];
  if (known !== undefined) {
    return known;
  }
  if (trimmed === '' || /\s/.test(trimmed)) {
    return trimmed;
  }
  const words = trimmed
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}.`;
}

export const KIND_TEXT: Record<HistoryKind, string> = {
  reminder: 'Reminder',
  direct: 'Direct message',
  test: 'Test message',
  notice: 'Change notice',
};

export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

import type { RuleChannel } from '../api/rules';

const CHANNEL_TEXT: Record<string, string> = {
  sms: 'SMS',
  email: 'Email',
  'sms-or-email': 'SMS, or email if there is no mobile number',
};

const STATUS_TEXT: Record<string, string> = {
  scheduled: 'Scheduled',
  sending: 'Sending',
  sent: 'Sent',
  failed: 'Failed',
  skipped: 'Skipped',
  cancelled: 'Cancelled',
};

export function channelText(channel: RuleChannel | string): string {
  return CHANNEL_TEXT[channel] ?? channel;
}

/** Statuses the API adds later still read as words: "not-sent" → "Not sent". */
export function statusText(status: string): string {
  const known = STATUS_TEXT[status];
  if (known !== undefined) {
    return known;
  }
  const words = status.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

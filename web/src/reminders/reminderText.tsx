import type { DeliveryStatus, RuleChannel } from '../api';

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

export function ReminderStatusTag({ status }: { status: string }) {
  return <span className={`tag tag--reminder-${status}`}>{statusText(status)}</span>;
}

const DELIVERY_TEXT: Record<DeliveryStatus, string> = {
  delivered: 'Delivered',
  failed: 'Not delivered',
  blocked: 'Blocked by the network',
};

/** What the provider reported after a reminder was sent. */
export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  return <span className={`tag tag--delivery-${status}`}>{DELIVERY_TEXT[status]}</span>;
}

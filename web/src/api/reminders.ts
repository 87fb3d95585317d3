import { ApiError, apiGet, apiPost, apiPut, isRecord, type RequestOptions } from './client';
import { oneOf, stringOr, stringOrNull, unexpected } from './parse';
import { RULE_CHANNELS, type RuleChannel } from './rules';

export type ReminderStatus = 'scheduled' | 'sending' | 'sent' | 'failed' | 'skipped' | 'cancelled';
export const REMINDER_STATUSES: readonly ReminderStatus[] = ['scheduled', 'sending', 'sent', 'failed', 'skipped', 'cancelled'];
/** The statuses the list can be filtered by; "skipped" holds the cancelled ones too. */
export type ReminderFilter = 'scheduled' | 'sent' | 'failed' | 'skipped';
/** What the SMS or email provider reported after sending; null until it does. */
export type DeliveryStatus = 'delivered' | 'failed' | 'blocked';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['delivered', 'failed', 'blocked'];

export interface Reminder {
  id: string;
  appointmentId: string;
  clientId: string;
  clientName: string;
  /** The channel it goes (or went) by; a rule's "sms-or-email" only while the client has neither. */
  channel: RuleChannel;
  /** UTC. */
  dueAt: string;
  status: ReminderStatus;
  reason: string | null;
  sentAt: string | null;
  deliveryStatus: DeliveryStatus | null;
}

/** Whether templates may include the appointment's title, location and description: a privacy choice. */
export interface ReminderContent {
  includeTitle: boolean;
  includeLocation: boolean;
  includeDescription: boolean;
  /** Words a client texts back to confirm, or to ask to cancel; the first of each is named in {ConfirmHint}. */
  confirmKeywords: string[];
  cancelKeywords: string[];
}

/** A reminder "sent" to the local outbox in development: nothing was delivered. */
export interface LocalMessage {
  reminderId: string;
  channel: string;
  to: string;
  subject: string | null;
  body: string;
  sentAt: string;
}

type Signal = Pick<RequestOptions, 'signal'>;

export async function listReminders(status: ReminderFilter, options: Signal = {}): Promise<Reminder[]> {
  return parseReminderList(await apiGet<unknown>(`/reminders?${new URLSearchParams({ status }).toString()}`, options));
}

/** One page of the reminders waiting to go out, soonest first; `nextCursor` asks for the page after it (null: there is none). */
export interface UpcomingPage {
  items: Reminder[];
  nextCursor: string | null;
}

export async function listUpcomingPage(after: string | null = null, options: Signal = {}): Promise<UpcomingPage> {
  const params = new URLSearchParams({ status: 'scheduled' });
  if (after !== null) {
    params.set('after', after);
  }
  const body = await apiGet<unknown>(`/reminders?${params.toString()}`, options);
  return { items: parseReminderList(body), nextCursor: isRecord(body) ? stringOrNull(body.nextCursor) : null };
}

export function parseReminderList(body: unknown): Reminder[] {
  if (!isRecord(body) || !Array.isArray(body.items)) {
    throw unexpected();
  }
  return body.items.map(parseReminder);
}

export async function skipReminder(id: string): Promise<Reminder> {
  return parseReminder(await apiPost<unknown>(`/reminders/${encodeURIComponent(id)}/skip`));
}

export async function getReminderContent(options: Signal = {}): Promise<ReminderContent> {
  return parseReminderContent(await apiGet<unknown>('/settings/reminders', options));
}

export async function saveReminderContent(content: ReminderContent): Promise<ReminderContent> {
  return parseReminderContent(await apiPut<unknown>('/settings/reminders', content));
}

/** Resolves to null where there is no local outbox (production answers 404). */
export async function getLocalOutbox(options: Signal = {}): Promise<LocalMessage[] | null> {
  try {
    const body = await apiGet<unknown>('/dev/outbox', options);
    if (!Array.isArray(body)) {
      throw unexpected();
    }
    return body.filter(isRecord).map((message) => ({
      reminderId: stringOr(message.reminderId, ''),
      channel: stringOr(message.channel, ''),
      to: stringOr(message.to, ''),
      subject: stringOrNull(message.subject),
      body: stringOr(message.body, ''),
      sentAt: stringOr(message.sentAt, ''),
    }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return null;
    }
    throw error;
  }
}

export function parseReminder(body: unknown): Reminder {
  if (!isRecord(body) || typeof body.id !== 'string') {
    throw unexpected();
  }
  return {
    id: body.id,
    appointmentId: stringOr(body.appointmentId, ''),
    clientId: stringOr(body.clientId, ''),
    clientName: stringOr(body.clientName, ''),
    channel: oneOf(body.channel, RULE_CHANNELS, 'sms'),
    dueAt: stringOr(body.dueAt, ''),
    status: oneOf(body.status, REMINDER_STATUSES, 'scheduled'),
    reason: stringOrNull(body.reason),
    sentAt: stringOrNull(body.sentAt),
    deliveryStatus: DELIVERY_STATUSES.find((status) => status === body.deliveryStatus) ?? null,
  };
}

export function parseReminderContent(body: unknown): ReminderContent {
  if (!isRecord(body)) {
    throw unexpected();
  }
  return {
    includeTitle: body.includeTitle === true,
    includeLocation: body.includeLocation === true,
    includeDescription: body.includeDescription === true,
    confirmKeywords: words(body.confirmKeywords),
    cancelKeywords: words(body.cancelKeywords),
  };
}

function words(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((word): word is string => typeof word === 'string') : [];
}

import { parsePlan, type Plan } from './account';
import { apiGet, apiPost, isRecord, type RequestOptions } from './client';
import type { HistoryDay } from './history';
import { numberOr, oneOf, stringOr, stringOrNull, unexpected } from './parse';

export type ReminderState = 'scheduled' | 'sending' | 'sent' | 'failed' | 'skipped' | 'cancelled';
const REMINDER_STATES: readonly ReminderState[] = ['scheduled', 'sending', 'sent', 'failed', 'skipped', 'cancelled'];

export interface AgendaReminder {
  id: string;
  channel: string;
  dueAt: string;
  status: ReminderState;
  /** From the latest SMS delivery report. */
  deliveryStatus: 'delivered' | 'failed' | 'blocked' | null;
  reason: string | null;
}

export interface AgendaAppointment {
  id: string;
  clientId: string;
  clientName: string;
  /** Local date-time in the appointment's zone, e.g. 2026-11-23T09:30:00. */
  start: string;
  end: string;
  timeZone: string;
  title: string;
  status: 'scheduled' | 'cancelled';
  response: 'confirmed' | 'cancellation-requested' | 'rearrange-requested' | null;
  reminders: AgendaReminder[];
}

export interface AgendaDay {
  /** YYYY-MM-DD in the owner's zone. */
  date: string;
  appointments: AgendaAppointment[];
}

export interface FailedMessage {
  id: string;
  clientId: string;
  clientName: string;
  channel: string;
  at: string;
  reason: string;
}

export interface BouncedClient {
  clientId: string;
  clientName: string;
  at: string;
  reason: string;
}

export interface NeedsAttention {
  failed: FailedMessage[];
  failedCount: number;
  unmatchedEvents: number;
  calendars: { id: string; mailbox: string }[];
  bounced: BouncedClient[];
  unreadReplies: number;
}

export interface Checklist {
  clientsAdded: boolean;
  calendarOrAppointment: boolean;
  templatesChecked: boolean;
  testSent: boolean;
  /** Until the owner dismisses it (or the account is 90 days old). */
  show: boolean;
  /** Every step is done: the checklist says so, and stays until dismissed. */
  allDone: boolean;
}

export interface Dashboard {
  today: string;
  days: AgendaDay[];
  attention: NeedsAttention;
  daily: HistoryDay[];
  confirmation: { reminded: number; confirmed: number; cancellationRequested: number };
  plan: Plan;
  checklist: Checklist;
}

export interface TestMessageResult {
  channel: 'sms' | 'email';
  to: string;
  message: string;
}

type Signal = Pick<RequestOptions, 'signal'>;

const records = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);

export async function getDashboard(options: Signal = {}): Promise<Dashboard> {
  return parseDashboard(await apiGet<unknown>('/dashboard', options));
}

/** Sends the owner's own template with sample values: email to their address, or a text to `mobile`. */
export async function sendTestMessage(channel: 'sms' | 'email', mobile?: string): Promise<TestMessageResult> {
  const body = await apiPost<unknown>('/dashboard/test-message', { channel, mobile: mobile ?? null });
  if (!isRecord(body) || typeof body.message !== 'string') {
    throw unexpected();
  }
  return { channel: oneOf(body.channel, ['sms', 'email'] as const, channel), to: stringOr(body.to, ''), message: body.message };
}

/** Puts the first-run checklist away for good. */
export async function dismissChecklist(): Promise<void> {
  await apiPost<unknown>('/dashboard/checklist/dismiss');
}

export function parseDashboard(body: unknown): Dashboard {
  if (!isRecord(body) || !Array.isArray(body.days) || !isRecord(body.attention) || !isRecord(body.plan) || !isRecord(body.checklist)) {
    throw unexpected();
  }
  const attention = body.attention;
  const confirmation = isRecord(body.confirmation) ? body.confirmation : {};
  const checklist = body.checklist;
  return {
    today: stringOr(body.today, ''),
    days: records(body.days).map((day) => ({
      date: stringOr(day.date, ''),
      appointments: records(day.appointments).map(parseAppointment),
    })),
    attention: {
      failed: records(attention.failed).map((item) => ({
        id: stringOr(item.id, ''),
        clientId: stringOr(item.clientId, ''),
        clientName: stringOr(item.clientName, ''),
        channel: stringOr(item.channel, ''),
        at: stringOr(item.at, ''),
        reason: stringOr(item.reason, ''),
      })),
      failedCount: numberOr(attention.failedCount, 0),
      unmatchedEvents: numberOr(attention.unmatchedEvents, 0),
      calendars: records(attention.calendars).map((calendar) => ({ id: stringOr(calendar.id, ''), mailbox: stringOr(calendar.mailbox, '') })),
      bounced: records(attention.bounced).map((item) => ({
        clientId: stringOr(item.clientId, ''),
        clientName: stringOr(item.clientName, ''),
        at: stringOr(item.at, ''),
        reason: stringOr(item.reason, ''),
      })),
      unreadReplies: numberOr(attention.unreadReplies, 0),
    },
    daily: records(body.daily).map((day) => ({
      date: stringOr(day.date, ''),
      sent: numberOr(day.sent, 0),
      delivered: numberOr(day.delivered, 0),
      failed: numberOr(day.failed, 0),
    })),
    confirmation: {
      reminded: numberOr(confirmation.reminded, 0),
      confirmed: numberOr(confirmation.confirmed, 0),
      cancellationRequested: numberOr(confirmation.cancellationRequested, 0),
    },
    plan: parsePlan(body.plan),
    checklist: {
      clientsAdded: checklist.clientsAdded === true,
      calendarOrAppointment: checklist.calendarOrAppointment === true,
      templatesChecked: checklist.templatesChecked === true,
      testSent: checklist.testSent === true,
      show: checklist.show === true,
      allDone: checklist.allDone === true,
    },
  };
}

function parseAppointment(item: Record<string, unknown>): AgendaAppointment {
  return {
    id: stringOr(item.id, ''),
    clientId: stringOr(item.clientId, ''),
    clientName: stringOr(item.clientName, ''),
    start: stringOr(item.start, ''),
    end: stringOr(item.end, ''),
    timeZone: stringOr(item.timeZone, ''),
    title: stringOr(item.title, ''),
    status: oneOf(item.status, ['scheduled', 'cancelled'] as const, 'scheduled'),
    response: oneOf(item.response, ['confirmed', 'cancellation-requested', 'rearrange-requested', ''] as const, '') || null,
    reminders: records(item.reminders).map((reminder) => ({
      id: stringOr(reminder.id, ''),
      channel: stringOr(reminder.channel, ''),
      dueAt: stringOr(reminder.dueAt, ''),
      status: oneOf(reminder.status, REMINDER_STATES, 'scheduled'),
      deliveryStatus: oneOf(reminder.deliveryStatus, ['delivered', 'failed', 'blocked', ''] as const, '') || null,
      reason: stringOrNull(reminder.reason),
    })),
  };
}

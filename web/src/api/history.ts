import { apiGet, isRecord, type RequestOptions } from './client';
import { numberOr, oneOf, stringOr, stringOrNull, unexpected } from './parse';
import { DELIVERY_STATUSES, type DeliveryStatus } from './reminders';

export type HistoryKind = 'reminder' | 'direct' | 'test' | 'notice';
export type HistoryStatus = 'sent' | 'delivered' | 'failed' | 'skipped' | 'scheduled';
export const HISTORY_STATUSES: readonly HistoryStatus[] = ['sent', 'delivered', 'failed', 'skipped', 'scheduled'];

/** A reminder or a direct message to one client. */
export interface HistoryItem {
  id: string;
  kind: HistoryKind;
  clientId: string;
  clientName: string;
  channel: string;
  /** As the API says it; usually one of HISTORY_STATUSES, but later ones still show. */
  status: string;
  deliveryStatus: DeliveryStatus | null;
  reason: string | null;
  /** UTC. */
  dueAt: string | null;
  sentAt: string | null;
  replies: number;
}

export interface HistoryFilter {
  clientId?: string;
  status?: HistoryStatus | '';
  /** YYYY-MM-DD. */
  from?: string;
  to?: string;
}

export interface HistoryDay {
  /** YYYY-MM-DD. */
  date: string;
  sent: number;
  delivered: number;
  failed: number;
}

type Signal = Pick<RequestOptions, 'signal'>;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "?clientId=…&status=failed&from=2026-11-01&to=2026-11-30"; blank and malformed values are left out. */
export function historyQueryString({ clientId = '', status = '', from = '', to = '' }: HistoryFilter = {}): string {
  const params = new URLSearchParams();
  if (clientId.trim() !== '') {
    params.set('clientId', clientId.trim());
  }
  if (HISTORY_STATUSES.includes(status as HistoryStatus)) {
    params.set('status', status);
  }
  if (DATE.test(from)) {
    params.set('from', from);
  }
  if (DATE.test(to)) {
    params.set('to', to);
  }
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

/** Newest first. */
/** One page of the history, newest first; `nextCursor` asks for the page after it (null: there is none). */
export interface HistoryPageResult {
  items: HistoryItem[];
  nextCursor: string | null;
}

export async function listHistoryPage(filter: HistoryFilter = {}, before: string | null = null, options: Signal = {}): Promise<HistoryPageResult> {
  const query = historyQueryString(filter);
  const cursor = before === null ? '' : `${query === '' ? '?' : '&'}before=${encodeURIComponent(before)}`;
  return parseHistoryPage(await apiGet<unknown>(`/history${query}${cursor}`, options));
}

export function parseHistoryPage(body: unknown): HistoryPageResult {
  if (!isRecord(body) || !Array.isArray(body.items)) {
    throw unexpected();
  }
  return { items: body.items.map(parseHistoryItem), nextCursor: typeof body.nextCursor === 'string' && body.nextCursor !== '' ? body.nextCursor : null };
}

/** The newest page only. */
export async function listHistory(filter: HistoryFilter = {}, options: Signal = {}): Promise<HistoryItem[]> {
  return (await listHistoryPage(filter, null, options)).items;
}

/** One entry a day, oldest first, days with nothing sent included. */
export async function getDailyHistory(days = 30, options: Signal = {}): Promise<HistoryDay[]> {
  return parseDailyHistory(await apiGet<unknown>(`/history/daily?days=${days}`, options));
}

export function parseDailyHistory(body: unknown): HistoryDay[] {
  if (!isRecord(body) || !Array.isArray(body.days)) {
    throw unexpected();
  }
  return body.days
    .filter(isRecord)
    .map((day) => ({
      date: stringOr(day.date, ''),
      sent: numberOr(day.sent, 0),
      delivered: numberOr(day.delivered, 0),
      failed: numberOr(day.failed, 0),
    }))
    .filter((day) => DATE.test(day.date))
    .sort((a, b) => a.date.localeCompare(b.date));
}

export function parseHistoryItem(body: unknown): HistoryItem {
  if (!isRecord(body) || typeof body.id !== 'string') {
    throw unexpected();
  }
  return {
    id: body.id,
    kind: oneOf(body.kind, ['reminder', 'direct', 'test', 'notice'] as const, 'reminder'),
    clientId: stringOr(body.clientId, ''),
    clientName: stringOr(body.clientName, ''),
    channel: stringOr(body.channel, ''),
    status: stringOr(body.status, ''),
    deliveryStatus: DELIVERY_STATUSES.find((status) => status === body.deliveryStatus) ?? null,
    reason: stringOrNull(body.reason),
    dueAt: stringOrNull(body.dueAt),
    sentAt: stringOrNull(body.sentAt),
    replies: Array.isArray(body.replies) ? body.replies.length : numberOr(body.replies, 0),
  };
}

import { apiGet, apiPost, apiPut, isRecord, type RequestOptions } from './client';
import { numberOr, oneOf, stringOr, stringOrNull, unexpected } from './parse';

export type ConnectionStatus = 'connected' | 'needs-reconnecting';

/** How a calendar's events are matched to clients, and which events count at all. */
export interface CalendarMatching {
  matchAttendeeEmail: boolean;
  matchNameInSubject: boolean;
  matchContactInText: boolean;
  createClients: boolean;
  includeAllDay: boolean;
  includeFree: boolean;
}

/** The API's defaults for a calendar chosen for the first time. */
export const DEFAULT_MATCHING: CalendarMatching = {
  matchAttendeeEmail: true,
  matchNameInSubject: true,
  matchContactInText: true,
  createClients: false,
  includeAllDay: false,
  includeFree: false,
};

/** A calendar the owner chose, as it syncs. */
export interface SyncedCalendar {
  id: string;
  kind: string;
  name: string;
  matching: CalendarMatching;
  /** UTC instant, or null before the first sync. */
  lastSyncAt: string | null;
  lastError: string | null;
  /** Outlook tells the app of this calendar's changes within seconds; otherwise it is checked every few minutes. */
  liveUpdates: boolean;
}

export interface CalendarConnection {
  id: string;
  kind: string;
  mailbox: string;
  status: ConnectionStatus;
  lookAheadDays: number;
  connectedAt: string;
  calendars: SyncedCalendar[];
}

export interface CalendarsOverview {
  /** False when this installation has no Microsoft application registered. */
  configured: boolean;
  connections: CalendarConnection[];
  reviewCount: number;
}

/** A calendar in the connected mailbox, chosen or not. */
export interface AvailableCalendar {
  externalId: string;
  name: string;
  selected: boolean;
  /** The synced calendar's id once chosen. */
  sourceId: string | null;
}

export interface CalendarChoice {
  externalId: string;
  selected: boolean;
  /** Left out, the calendar keeps its options (a new one gets the defaults); sent, the calendar is read again in full. */
  matching?: CalendarMatching;
}

export type ReviewReason = 'unmatched' | 'ambiguous';
export type ReviewScope = 'event' | 'series';

/** A calendar event no client could be matched to, or more than one could. */
export interface ReviewItem {
  id: string;
  sourceId: string;
  calendarName: string;
  subject: string;
  /** Local date and time without an offset, in `timeZone` (IANA). */
  start: string;
  end: string;
  timeZone: string;
  location: string | null;
  webLink: string | null;
  reason: ReviewReason;
  recurring: boolean;
  candidates: { id: string; name: string }[];
}

export interface SyncOutcome {
  calendars: number;
  failed: number;
}

type Signal = Pick<RequestOptions, 'signal'>;
// Each of these waits for Microsoft's servers as well as ours.
const slow = { timeoutMs: 60_000 } as const;

export async function getCalendars(options: Signal = {}): Promise<CalendarsOverview> {
  return parseCalendarsOverview(await apiGet<unknown>('/calendars', options));
}

export function parseCalendarsOverview(body: unknown): CalendarsOverview {
  if (!isRecord(body) || typeof body.configured !== 'boolean' || !Array.isArray(body.connections)) {
    throw unexpected();
  }
  return { configured: body.configured, connections: body.connections.map(parseConnection), reviewCount: numberOr(body.reviewCount, 0) };
}

/** Where to send the browser to sign in to Microsoft; with `reconnectId`, the sign-in renews that connection. */
export async function startMicrosoftConnect(reconnectId?: string): Promise<string> {
  const query = reconnectId === undefined ? '' : `?reconnect=${encodeURIComponent(reconnectId)}`;
  const body = await apiPost<unknown>(`/calendars/microsoft/connect${query}`, {});
  if (!isRecord(body) || typeof body.authorizeUrl !== 'string' || !/^https:\/\//i.test(body.authorizeUrl)) {
    throw unexpected();
  }
  return body.authorizeUrl;
}

export async function listAvailableCalendars(connectionId: string, options: Signal = {}): Promise<AvailableCalendar[]> {
  return parseAvailable(await apiGet<unknown>(`${connectionPath(connectionId)}/calendars`, { ...options, ...slow }));
}

/** Calendars no longer selected stop syncing; with `cancelFutureAppointments` their future appointments are cancelled too. */
export async function chooseCalendars(connectionId: string, calendars: CalendarChoice[], cancelFutureAppointments: boolean): Promise<AvailableCalendar[]> {
  return parseAvailable(await apiPut<unknown>(`${connectionPath(connectionId)}/calendars`, { calendars, cancelFutureAppointments }, slow));
}

export async function setLookAheadDays(connectionId: string, lookAheadDays: number): Promise<CalendarConnection> {
  return parseConnection(await apiPut<unknown>(connectionPath(connectionId), { lookAheadDays }));
}

/** Deletes the connection's tokens and stops its sync. Returns how many future appointments were cancelled. */
export async function disconnectCalendars(connectionId: string, cancelFutureAppointments: boolean): Promise<number> {
  const body = await apiPost<unknown>(`${connectionPath(connectionId)}/disconnect`, { cancelFutureAppointments });
  if (!isRecord(body) || typeof body.cancelledAppointments !== 'number') {
    throw unexpected();
  }
  return body.cancelledAppointments;
}

export async function syncCalendarsNow(): Promise<SyncOutcome> {
  const body = await apiPost<unknown>('/calendars/sync', {}, { timeoutMs: 120_000 });
  if (!isRecord(body) || typeof body.calendars !== 'number' || typeof body.failed !== 'number') {
    throw unexpected();
  }
  return { calendars: body.calendars, failed: body.failed };
}

export async function listReviewItems(options: Signal = {}): Promise<ReviewItem[]> {
  return parseReviewList(await apiGet<unknown>('/calendars/review', options));
}

export function parseReviewList(body: unknown): ReviewItem[] {
  if (!isRecord(body) || !Array.isArray(body.items)) {
    throw unexpected();
  }
  return body.items.map(parseReviewItem);
}

/** Returns how many appointments the answer made (several for a series). */
export async function assignReviewItem(id: string, clientId: string, scope: ReviewScope): Promise<number> {
  return outcome(await apiPost<unknown>(`${reviewPath(id)}/assign`, { clientId, scope }));
}

export async function ignoreReviewItem(id: string, scope: ReviewScope): Promise<number> {
  return outcome(await apiPost<unknown>(`${reviewPath(id)}/ignore`, { scope }));
}

/** Only web addresses are links; anything else (say, javascript:) is dropped. */
export function webLinkOrNull(value: unknown): string | null {
  return typeof value === 'string' && /^https?:\/\//i.test(value) ? value : null;
}

function outcome(body: unknown): number {
  if (!isRecord(body) || typeof body.appointments !== 'number') {
    throw unexpected();
  }
  return body.appointments;
}

function parseConnection(body: unknown): CalendarConnection {
  if (!isRecord(body) || typeof body.id !== 'string' || body.id === '' || !Array.isArray(body.calendars)) {
    throw unexpected();
  }
  return {
    id: body.id,
    kind: stringOr(body.kind, 'microsoft'),
    mailbox: stringOr(body.mailbox, ''),
    status: oneOf(body.status, ['connected', 'needs-reconnecting'] as const, 'connected'),
    lookAheadDays: numberOr(body.lookAheadDays, 30),
    connectedAt: stringOr(body.connectedAt, ''),
    calendars: body.calendars.map(parseSyncedCalendar),
  };
}

function parseSyncedCalendar(body: unknown): SyncedCalendar {
  if (!isRecord(body) || typeof body.id !== 'string' || body.id === '') {
    throw unexpected();
  }
  return {
    id: body.id,
    kind: stringOr(body.kind, 'microsoft'),
    name: stringOr(body.name, ''),
    matching: parseMatching(body.matching),
    lastSyncAt: stringOrNull(body.lastSyncAt),
    lastError: stringOrNull(body.lastError),
    liveUpdates: body.liveUpdates === true,
  };
}

function parseMatching(body: unknown): CalendarMatching {
  if (!isRecord(body)) {
    return { ...DEFAULT_MATCHING };
  }
  const flag = (key: keyof CalendarMatching) => (typeof body[key] === 'boolean' ? (body[key] as boolean) : DEFAULT_MATCHING[key]);
  return {
    matchAttendeeEmail: flag('matchAttendeeEmail'),
    matchNameInSubject: flag('matchNameInSubject'),
    matchContactInText: flag('matchContactInText'),
    createClients: flag('createClients'),
    includeAllDay: flag('includeAllDay'),
    includeFree: flag('includeFree'),
  };
}

function parseAvailable(body: unknown): AvailableCalendar[] {
  if (!isRecord(body) || !Array.isArray(body.calendars)) {
    throw unexpected();
  }
  return body.calendars.map((calendar) => {
    if (!isRecord(calendar) || typeof calendar.externalId !== 'string' || calendar.externalId === '') {
      throw unexpected();
    }
    return {
      externalId: calendar.externalId,
      name: stringOr(calendar.name, ''),
      selected: calendar.selected === true,
      sourceId: stringOrNull(calendar.sourceId),
    };
  });
}

function parseReviewItem(body: unknown): ReviewItem {
  if (!isRecord(body) || typeof body.id !== 'string' || typeof body.start !== 'string' || typeof body.end !== 'string') {
    throw unexpected();
  }
  return {
    id: body.id,
    sourceId: stringOr(body.sourceId, ''),
    calendarName: stringOr(body.calendarName, ''),
    subject: stringOr(body.subject, ''),
    start: body.start,
    end: body.end,
    timeZone: stringOr(body.timeZone, 'UTC'),
    location: stringOrNull(body.location),
    webLink: webLinkOrNull(body.webLink),
    reason: oneOf(body.reason, ['unmatched', 'ambiguous'] as const, 'unmatched'),
    recurring: body.recurring === true,
    candidates: Array.isArray(body.candidates)
      ? body.candidates
          .filter(isRecord)
          .filter((candidate) => typeof candidate.id === 'string' && candidate.id !== '')
          .map((candidate) => ({ id: String(candidate.id), name: stringOr(candidate.name, '') }))
      : [],
  };
}

function connectionPath(id: string): string {
  return `/calendars/connections/${encodeURIComponent(id)}`;
}

function reviewPath(id: string): string {
  return `/calendars/review/${encodeURIComponent(id)}`;
}

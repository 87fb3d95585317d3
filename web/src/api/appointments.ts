import { webLinkOrNull } from './calendars';
import { apiDelete, apiGet, apiPost, apiPut, isRecord, type RequestOptions } from './client';
import { blankToNull, oneOf, stringOr, stringOrNull, unexpected } from './parse';

export type AppointmentStatus = 'scheduled' | 'cancelled';
/** What the client answered to a reminder (e.g. replied C or X), or null when they have not. */
export type AppointmentResponse = 'confirmed' | 'cancellation-requested' | 'rearrange-requested';

/** A reminder as the appointment lists it; its status may be any the reminder goes through, "cancelled" included. */
export interface AppointmentReminder {
  id: string;
  channel: string;
  /** UTC, e.g. 2026-11-23T10:30:00Z. */
  dueAt: string;
  status: string;
  reason: string | null;
  /** Skipped because the client has no mobile number or email address for it: adding one sends it after all. */
  missingContact: boolean;
}

/** Where a synced appointment came from, e.g. an Outlook calendar; the link opens the event there. */
export interface AppointmentSource {
  kind: string;
  calendarName: string;
  link: string | null;
}

export interface Appointment {
  id: string;
  clientId: string;
  clientName: string;
  /** Local date and time without an offset, e.g. 2026-11-24T10:30:00, in `timeZone`. */
  start: string;
  end: string;
  /** IANA, e.g. Europe/London. */
  timeZone: string;
  title: string;
  location: string | null;
  notes: string | null;
  status: AppointmentStatus;
  response: AppointmentResponse | null;
  reminders: AppointmentReminder[];
  /** Null for an appointment typed in here. */
  source: AppointmentSource | null;
}

export interface AppointmentDetails {
  clientId: string;
  start: string;
  end: string;
  timeZone: string;
  title: string;
  location: string;
  notes: string;
}

/** Local dates, YYYY-MM-DD; the API defaults to today until 30 days on. */
export interface AppointmentRange {
  from?: string;
  to?: string;
  /** Only this client's appointments. */
  clientId?: string;
}

type Signal = Pick<RequestOptions, 'signal'>;

export function appointmentsQueryString({ from, to, clientId }: AppointmentRange = {}): string {
  const params = new URLSearchParams();
  if (from !== undefined && from !== '') {
    params.set('from', from);
  }
  if (to !== undefined && to !== '') {
    params.set('to', to);
  }
  if (clientId !== undefined && clientId !== '') {
    params.set('clientId', clientId);
  }
  const query = params.toString();
  return query === '' ? '' : `?${query}`;
}

export async function listAppointments(range: AppointmentRange = {}, options: Signal = {}): Promise<Appointment[]> {
  return parseAppointmentList(await apiGet<unknown>(`/appointments${appointmentsQueryString(range)}`, options));
}

export function parseAppointmentList(body: unknown): Appointment[] {
  if (!isRecord(body) || !Array.isArray(body.items)) {
    throw unexpected();
  }
  return body.items.map(parseAppointment);
}

export async function getAppointment(id: string, options: Signal = {}): Promise<Appointment> {
  return parseAppointment(await apiGet<unknown>(appointmentPath(id), options));
}

export async function createAppointment(details: AppointmentDetails): Promise<Appointment> {
  return parseAppointment(await apiPost<unknown>('/appointments', detailsBody(details)));
}

/** Moving an appointment reschedules its reminders. */
export async function updateAppointment(id: string, details: AppointmentDetails): Promise<Appointment> {
  return parseAppointment(await apiPut<unknown>(appointmentPath(id), detailsBody(details)));
}

/** The appointment stays listed, cancelled, and its reminders are cancelled. */
export async function cancelAppointment(id: string): Promise<void> {
  await apiDelete<unknown>(appointmentPath(id));
}

export function parseAppointment(body: unknown): Appointment {
  if (!isRecord(body) || typeof body.id !== 'string' || typeof body.start !== 'string' || typeof body.end !== 'string') {
    throw unexpected();
  }
  return {
    id: body.id,
    clientId: stringOr(body.clientId, ''),
    clientName: stringOr(body.clientName, ''),
    start: body.start,
    end: body.end,
    timeZone: stringOr(body.timeZone, 'UTC'),
    title: stringOr(body.title, ''),
    location: stringOrNull(body.location),
    notes: stringOrNull(body.notes),
    status: oneOf(body.status, ['scheduled', 'cancelled'] as const, 'scheduled'),
    response: oneOf(body.response, ['confirmed', 'cancellation-requested', 'rearrange-requested', ''] as const, '') || null,
    reminders: Array.isArray(body.reminders)
      ? body.reminders.filter(isRecord).map((reminder) => ({
          id: stringOr(reminder.id, ''),
          channel: stringOr(reminder.channel, ''),
          dueAt: stringOr(reminder.dueAt, ''),
          status: stringOr(reminder.status, ''),
          reason: stringOrNull(reminder.reason),
          missingContact: reminder.missingContact === true,
        }))
      : [],
    source: isRecord(body.source)
      ? { kind: stringOr(body.source.kind, ''), calendarName: stringOr(body.source.calendarName, ''), link: webLinkOrNull(body.source.link) }
      : null,
  };
}

function detailsBody({ clientId, start, end, timeZone, title, location, notes }: AppointmentDetails) {
  return { clientId, start, end, timeZone, title: title.trim(), location: blankToNull(location), notes: blankToNull(notes) };
}

function appointmentPath(id: string): string {
  return `/appointments/${encodeURIComponent(id)}`;
}

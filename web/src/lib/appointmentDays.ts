import type { Appointment } from '../api/appointments';
import { datePart, formatTime, timePart } from './localTime';

export function timeRange({ start, end }: Pick<Appointment, 'start' | 'end'>): string {
  return `${formatTime(timePart(start))}–${formatTime(timePart(end))}`;
}

/** Appointments by the day they fall on in their own time zone, in the order the API sorted them. */
export function groupByDay(appointments: readonly Appointment[]): { date: string; appointments: Appointment[] }[] {
  const days = new Map<string, Appointment[]>();
  for (const appointment of appointments) {
    const date = datePart(appointment.start);
    days.set(date, [...(days.get(date) ?? []), appointment]);
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, list]) => ({ date, appointments: list }));
}

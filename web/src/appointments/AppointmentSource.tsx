import type { AppointmentSource as Source } from '../api/appointments';

/** "From Outlook: Clinic", the calendar name linking to the event there (in a new tab). */
export function AppointmentSource({ source }: { source: Source }) {
  const from = sourceKindText(source.kind);
  const name = source.calendarName === '' ? 'calendar' : source.calendarName;
  return (
    <span className="appointment-source">
      From {from}:{' '}
      {source.link === null ? (
        <span dir="auto">{name}</span>
      ) : (
        <a href={source.link} target="_blank" rel="noopener noreferrer">
          <span dir="auto">{name}</span>
          <span className="visually-hidden"> (opens the event in {from} in a new tab)</span>
        </a>
      )}
    </span>
  );
}

export function sourceKindText(kind: string): string {
  return kind === 'microsoft' ? 'Outlook' : 'a calendar feed';
}

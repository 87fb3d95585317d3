import type { CalendarMatching } from '../api/calendars';

const MATCH_BY: { key: keyof CalendarMatching; label: string }[] = [
  { key: 'matchAttendeeEmail', label: 'An attendee’s email address is a client’s' },
  { key: 'matchNameInSubject', label: 'A client’s full name is in the event title' },
  { key: 'matchContactInText', label: 'A client’s mobile number or email address is typed in the title or description' },
];

const INCLUDE: { key: keyof CalendarMatching; label: string }[] = [
  { key: 'includeAllDay', label: 'All-day events' },
  { key: 'includeFree', label: 'Events shown as free' },
];

interface MatchingOptionsProps {
  /** Prefix for the inputs' ids. */
  id: string;
  calendarName: string;
  value: CalendarMatching;
  onChange: (value: CalendarMatching) => void;
}

/** Folded away under the calendar: most owners keep the defaults. */
export function MatchingOptions({ id, calendarName, value, onChange }: MatchingOptionsProps) {
  const toggle = (key: keyof CalendarMatching) => onChange({ ...value, [key]: !value[key] });
  const checkbox = ({ key, label }: { key: keyof CalendarMatching; label: string }, disabled = false) => (
    <label key={key} className="checkbox" htmlFor={`${id}-${key}`}>
      <input id={`${id}-${key}`} type="checkbox" checked={value[key]} disabled={disabled} onChange={() => toggle(key)} />
      <span>{label}</span>
    </label>
  );
  return (
    <details className="matching-options">
      <summary>
        How events in {calendarName} are matched to clients
      </summary>
      <fieldset className="fieldset">
        <legend className="fieldset__legend">An event is with a client when</legend>
        {MATCH_BY.map((option) => checkbox(option))}
        {checkbox({ key: 'createClients', label: 'Add a new client when a typed mobile number or email address belongs to no client' }, !value.matchContactInText)}
        <p className="field__hint">Events that match no client, or more than one, wait in the review list for you to decide.</p>
      </fieldset>
      <fieldset className="fieldset">
        <legend className="fieldset__legend">Also read</legend>
        {INCLUDE.map((option) => checkbox(option))}
        <p className="field__hint">Add #noremind to an event’s title in Outlook to keep it out of reminders.</p>
      </fieldset>
    </details>
  );
}

export function sameMatching(a: CalendarMatching, b: CalendarMatching): boolean {
  return (Object.keys(a) as (keyof CalendarMatching)[]).every((key) => a[key] === b[key]);
}

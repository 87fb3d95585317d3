import { Link } from 'react-router';
import type { Appointment } from '../api/appointments';
import { Notice } from '../components/Notice';

/** Reminders that cannot go out because the client has no number or address for them, and where to add it. */
export function MissingContactWarning({ appointment }: { appointment: Appointment }) {
  const missing = appointment.reminders.filter((reminder) => reminder.missingContact);
  if (appointment.status !== 'scheduled' || missing.length === 0) {
    return null;
  }
  const reasons = [...new Set(missing.map((reminder) => reminder.reason).filter((reason) => reason !== null))];
  return (
    <Notice role="note" tone="error">
      <p>
        <strong>{missing.length === 1 ? 'A reminder cannot be sent.' : `${missing.length} reminders cannot be sent.`}</strong> {reasons.join(' ')}
      </p>
      <p>
        <Link to={`/clients/${encodeURIComponent(appointment.clientId)}`} dir="auto">
          Add the missing details on {appointment.clientName}’s page
        </Link>{' '}
        and {missing.length === 1 ? 'it goes' : 'they go'} out after all.
      </p>
    </Notice>
  );
}

import { useId } from 'react';
import { Link } from 'react-router';
import { listAppointments, type Appointment } from '../api/appointments';
import { useApiData } from '../api/useApiData';
import { AppointmentResponseTag } from '../components/AppointmentResponseTag';
import { AppointmentStatusTag } from '../components/AppointmentStatusTag';
import { LoadProblem } from '../components/LoadProblem';
import { ReminderTimeline } from '../components/ReminderTimeline';
import { timeRange } from '../lib/appointmentDays';
import { addDays, datePart, formatDay, todayIn } from '../lib/localTime';
import type { NewAppointmentState } from '../lib/newAppointment';

/** How far back and ahead the client's page looks. */
export const PAST_DAYS = 90;
export const AHEAD_DAYS = 366;
const PAST_SHOWN = 5;

/** One client's appointments on their page: what is coming up with its reminders, and the last few before today. */
export function ClientAppointments({ client, timeZone }: { client: { id: string; name: string; canBook: boolean }; timeZone: string }) {
  const headingId = useId();
  const today = todayIn(timeZone);
  const appointments = useApiData(
    (signal) => listAppointments({ from: addDays(today, -PAST_DAYS), to: addDays(today, AHEAD_DAYS), clientId: client.id }, { signal }),
    [client.id, today],
  );
  const all = appointments.data ?? [];
  const coming = all.filter((appointment) => datePart(appointment.start) >= today);
  const past = all.filter((appointment) => datePart(appointment.start) < today).reverse();
  const bookState: NewAppointmentState = { client: { id: client.id, name: client.name } };

  return (
    <section aria-labelledby={headingId} aria-busy={appointments.isLoading} className="card card--roomy settings-section client-appointments">
      <h2 id={headingId} className="section-heading">
        Appointments
      </h2>
      <LoadProblem message={appointments.error?.message ?? null} onRetry={appointments.reload} />
      {appointments.isLoading && appointments.data === null && <p role="status">Loading…</p>}
      {appointments.data !== null && (
        <>
          <h3 className="subsection-heading">Coming up</h3>
          {coming.length === 0 ? (
            <p className="muted">Nothing booked for {client.name}.</p>
          ) : (
            <ul className="appointment-list" aria-label={`Coming appointments with ${client.name}`}>
              {coming.map((appointment) => (
                <ClientAppointment key={appointment.id} appointment={appointment} withReminders />
              ))}
            </ul>
          )}
          <h3 className="subsection-heading">In the last {PAST_DAYS} days</h3>
          {past.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <ul className="appointment-list" aria-label={`Past appointments with ${client.name}`}>
              {past.slice(0, PAST_SHOWN).map((appointment) => (
                <ClientAppointment key={appointment.id} appointment={appointment} withReminders={false} />
              ))}
            </ul>
          )}
          {past.length > PAST_SHOWN && (
            <p className="muted">
              And {past.length - PAST_SHOWN} more before these; every message they were sent is under Messages below.
            </p>
          )}
        </>
      )}
      {client.canBook && (
        <p>
          <Link to="/appointments/new" state={bookState}>
            New appointment with {client.name}
          </Link>
        </p>
      )}
    </section>
  );
}

function ClientAppointment({ appointment, withReminders }: { appointment: Appointment; withReminders: boolean }) {
  const { id, title, status, response, reminders, timeZone } = appointment;
  return (
    <li className={status === 'cancelled' ? 'card appointment-card appointment-card--cancelled' : 'card appointment-card'}>
      <p className="appointment-card__time">
        {formatDay(datePart(appointment.start))}, {timeRange(appointment)} <AppointmentStatusTag status={status} />
        {response !== null && (
          <>
            {' '}
            <AppointmentResponseTag response={response} />
          </>
        )}
      </p>
      <p className="appointment-card__heading">
        <Link to={`/appointments/${encodeURIComponent(id)}`}>{title !== '' ? title : 'Appointment'}</Link>
      </p>
      {withReminders && <ReminderTimeline reminders={reminders} timeZone={timeZone} label={`Reminders for ${formatDay(datePart(appointment.start))}`} />}
    </li>
  );
}

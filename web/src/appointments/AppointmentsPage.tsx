import { useId } from 'react';
import { Link } from 'react-router';
import { listAppointments, type Appointment } from '../api';
import { useApiData } from '../api/useApiData';
import { useArrivalNotice } from '../clients/clientNotice';
import { Page } from '../pages/Page';
import { useMe } from '../session/SessionProvider';
import { AppointmentResponseTag } from './AppointmentResponseTag';
import { AppointmentSource } from './AppointmentSource';
import { AppointmentStatusTag } from './AppointmentStatusTag';
import { groupByDay, timeRange } from './appointmentDays';
import { formatDay } from './localTime';
import { ReminderTimeline } from './ReminderTimeline';

export function AppointmentsPage() {
  const { timeZone } = useMe();
  const [notice] = useArrivalNotice();
  const { data, isLoading, error, reload } = useApiData((signal) => listAppointments({}, { signal }), []);

  return (
    <Page title="Appointments" intro="Your appointments for the next 30 days, with the reminders each one gets.">
      <div role="status" className={notice === null ? 'saved-notice' : 'saved-notice notice notice--success'}>
        {notice !== null && <p>{notice}</p>}
      </div>
      <div className="page-actions">
        <Link to="/appointments/new" className="button button--link">
          New appointment
        </Link>
      </div>
      {error !== null && (
        <div className="notice notice--error" role="alert">
          <p>{error.message}</p>
          <p>
            <button type="button" className="button button--secondary" onClick={reload}>
              Try again
            </button>
          </p>
        </div>
      )}
      <p role="status" className="muted">
        {isLoading && data === null ? 'Loading appointments…' : data !== null && countText(data.length)}
      </p>
      {data !== null && data.length === 0 && (
        <div className="empty-state">
          <p>
            Nothing booked in the next 30 days. <Link to="/appointments/new">Add an appointment</Link>.
          </p>
        </div>
      )}
      {data !== null &&
        groupByDay(data).map(({ date, appointments }) => <AppointmentDay key={date} date={date} appointments={appointments} accountTimeZone={timeZone} />)}
    </Page>
  );
}

function AppointmentDay({ date, appointments, accountTimeZone }: { date: string; appointments: Appointment[]; accountTimeZone: string }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="appointment-day">
      <h2 id={headingId} className="section-heading">
        {formatDay(date)}
      </h2>
      <ul className="appointment-list">
        {appointments.map((appointment) => (
          <AppointmentCard key={appointment.id} appointment={appointment} accountTimeZone={accountTimeZone} />
        ))}
      </ul>
    </section>
  );
}

function AppointmentCard({ appointment, accountTimeZone }: { appointment: Appointment; accountTimeZone: string }) {
  const { id, clientName, title, timeZone, status, response, reminders, source } = appointment;
  return (
    <li className={status === 'cancelled' ? 'appointment-card appointment-card--cancelled' : 'appointment-card'}>
      <p className="appointment-card__time">
        {timeRange(appointment)}
        {timeZone !== accountTimeZone && <span className="muted"> ({timeZone.replaceAll('_', ' ')})</span>}{' '}
        <AppointmentStatusTag status={status} />
        {response !== null && (
          <>
            {' '}
            <AppointmentResponseTag response={response} />
          </>
        )}
      </p>
      <h3 className="appointment-card__heading">
        <Link to={`/appointments/${encodeURIComponent(id)}`}>
          <span dir="auto">{clientName}</span>
          {title !== '' && <span className="appointment-card__title">: {title}</span>}
        </Link>
      </h3>
      {source !== null && (
        <p className="appointment-card__source muted">
          <AppointmentSource source={source} />
        </p>
      )}
      <ReminderTimeline reminders={reminders} timeZone={timeZone} label={`Reminders for ${clientName}`} />
    </li>
  );
}

function countText(count: number): string {
  return count === 0 ? 'No appointments.' : `${count} ${count === 1 ? 'appointment' : 'appointments'} in the next 30 days.`;
}

import { useId } from 'react';
import { Link } from 'react-router';
import { listAppointments, type Appointment } from '../api/appointments';
import { useApiData } from '../api/useApiData';
import { AppointmentResponseTag } from '../components/AppointmentResponseTag';
import { AppointmentStatusTag } from '../components/AppointmentStatusTag';
import { LiveNotice } from '../components/LiveNotice';
import { LoadProblem } from '../components/LoadProblem';
import { ReminderTimeline } from '../components/ReminderTimeline';
import { useArrivalNotice } from '../components/useArrivalNotice';
import { groupByDay, timeRange } from '../lib/appointmentDays';
import { formatDay } from '../lib/localTime';
import { Page } from '../pages/Page';
import { useMe } from '../session/SessionProvider';
import { AppointmentSource } from './AppointmentSource';

export function AppointmentsPage() {
  const { timeZone } = useMe();
  const [notice] = useArrivalNotice();
  const { data, isLoading, error, reload } = useApiData((signal) => listAppointments({}, { signal }), []);

  return (
    <Page title="Appointments" intro="Your appointments for the next 30 days, with the reminders each one gets.">
      <LiveNotice message={notice} />
      <div className="page-actions">
        <Link to="/appointments/new" className="button button--link">
          New appointment
        </Link>
      </div>
      <LoadProblem message={error?.message ?? null} onRetry={reload} />
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
    <li className={status === 'cancelled' ? 'card appointment-card appointment-card--cancelled' : 'card appointment-card'}>
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

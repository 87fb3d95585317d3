import { Link } from 'react-router';
import type { AgendaAppointment, AgendaDay } from '../api/dashboard';
import { AppointmentResponseTag } from '../components/AppointmentResponseTag';
import { DeliveryStatusTag } from '../components/DeliveryStatusTag';
import { ReminderStatusTag } from '../components/ReminderStatusTag';
import { formatInstant } from '../lib/formatInstant';
import { addDays, formatDay, formatTime, timePart } from '../lib/localTime';
import { channelText } from '../lib/reminderText';

function dayHeading(date: string, today: string): string {
  if (date === today) return `Today, ${formatDay(date)}`;
  if (date === addDays(today, 1)) return `Tomorrow, ${formatDay(date)}`;
  return formatDay(date);
}

function AppointmentItem({ appointment }: { appointment: AgendaAppointment }) {
  const when = `${formatTime(timePart(appointment.start))}–${formatTime(timePart(appointment.end))}`;
  return (
    <li className="agenda__appointment">
      <p className="agenda__line">
        <span className="agenda__time">{when}</span>{' '}
        <Link to={`/appointments/${appointment.id}`}>{appointment.title === '' ? 'Appointment' : appointment.title}</Link> with{' '}
        <Link to={`/clients/${appointment.clientId}`}>{appointment.clientName}</Link>{' '}
        {appointment.status === 'cancelled' && <span className="tag tag--cancelled">Cancelled</span>}
        <AppointmentResponseTag response={appointment.response} />
      </p>
      {appointment.reminders.length === 0 ? (
        <p className="muted agenda__none">No reminders: none of your rules applies to it.</p>
      ) : (
        <ul className="agenda__reminders" aria-label={`Reminders for ${appointment.clientName} at ${when}`}>
          {appointment.reminders.map((reminder) => (
            <li key={reminder.id}>
              {channelText(reminder.channel)} <time dateTime={reminder.dueAt}>{formatInstant(reminder.dueAt, appointment.timeZone)}</time>{' '}
              <ReminderStatusTag status={reminder.status} />
              {reminder.deliveryStatus !== null && <> <DeliveryStatusTag status={reminder.deliveryStatus} /></>}
              {reminder.reason !== null && <span className="muted"> {reminder.reason}</span>}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** Today and the next seven days, appointment by appointment, with where each reminder is. */
export function Agenda({ days, today }: { days: readonly AgendaDay[]; today: string }) {
  return (
    <section aria-labelledby="agenda-heading" className="card card--roomy dashboard-section">
      <h2 id="agenda-heading">Today and the next 7 days</h2>
      {days.length === 0 ? (
        <p>
          No appointments in the next 7 days. <Link to="/appointments/new">Add an appointment</Link> or <Link to="/calendars">connect a calendar</Link>.
        </p>
      ) : (
        days.map((day) => (
          <div key={day.date} className="agenda__day">
            <h3 className="agenda__date">{dayHeading(day.date, today)}</h3>
            <ul className="agenda__list">
              {day.appointments.map((appointment) => (
                <AppointmentItem key={appointment.id} appointment={appointment} />
              ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

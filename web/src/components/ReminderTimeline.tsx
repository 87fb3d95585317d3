import type { AppointmentReminder } from '../api/appointments';
import { formatInstant } from '../lib/formatInstant';
import { channelText } from '../lib/reminderText';
import { ReminderStatusTag } from './ReminderStatusTag';

/** An appointment's reminders: how, when (in the appointment's time zone) and where each one is. */
export function ReminderTimeline({ reminders, timeZone, label }: { reminders: readonly AppointmentReminder[]; timeZone: string; label: string }) {
  if (reminders.length === 0) {
    return <p className="muted reminder-timeline__none">No reminders: none of your rules applies to it.</p>;
  }
  return (
    <ul className="reminder-timeline" aria-label={label}>
      {[...reminders]
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
        .map((reminder) => (
          <li key={reminder.id} className="reminder-timeline__item">
            <span className="reminder-timeline__channel">{channelText(reminder.channel)}</span>{' '}
            <time dateTime={reminder.dueAt}>{formatInstant(reminder.dueAt, timeZone)}</time>{' '}
            <ReminderStatusTag status={reminder.status} />
            {reminder.reason !== null && <span className="reminder-timeline__reason muted"> {reminder.reason}</span>}
          </li>
        ))}
    </ul>
  );
}

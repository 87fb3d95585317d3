import { Link } from 'react-router';
import type { Reminder } from '../api/reminders';
import { DeliveryStatusTag } from '../components/DeliveryStatusTag';
import { ReminderStatusTag } from '../components/ReminderStatusTag';
import { formatInstant } from '../lib/formatInstant';
import { channelText } from '../lib/reminderText';
import { NoValue } from '../pages/NoValue';
import { ShowMoreButton, useShowMore } from './ShowMore';

const EMPTY: Record<string, string> = {
  sent: 'No reminders have been sent yet.',
  failed: 'No reminder has failed.',
  skipped: 'No reminders were skipped or cancelled.',
};

/** A table on wide screens and cards on a phone, like the client list. */
export function ReminderHistory({ reminders, status, timeZone }: { reminders: readonly Reminder[]; status: string; timeZone: string }) {
  const sorted = [...reminders].sort((a, b) => (b.sentAt ?? b.dueAt).localeCompare(a.sentAt ?? a.dueAt));
  const page = useShowMore(sorted);
  if (reminders.length === 0) {
    return <p className="muted">{EMPTY[status] ?? 'Nothing to show.'}</p>;
  }
  return (
    <>
    <table role="table" className="client-table reminder-table">
      <caption className="visually-hidden">Reminders, newest first</caption>
      <thead role="rowgroup">
        <tr role="row">
          <th role="columnheader" scope="col">Client</th>
          <th role="columnheader" scope="col">Channel</th>
          <th role="columnheader" scope="col">When</th>
          <th role="columnheader" scope="col">Status</th>
        </tr>
      </thead>
      <tbody role="rowgroup">
        {page.shown.map((reminder) => (
            <tr role="row" key={reminder.id}>
              <td role="cell" className="client-table__name">
                <Link to={`/appointments/${encodeURIComponent(reminder.appointmentId)}`} dir="auto">
                  {reminder.clientName}
                </Link>
              </td>
              <td role="cell" data-label="Channel">
                {channelText(reminder.channel)}
              </td>
              <td role="cell" data-label="When">
                {reminder.sentAt !== null ? (
                  <time dateTime={reminder.sentAt}>{formatInstant(reminder.sentAt, timeZone)}</time>
                ) : reminder.dueAt !== '' ? (
                  <span>
                    Due <time dateTime={reminder.dueAt}>{formatInstant(reminder.dueAt, timeZone)}</time>
                  </span>
                ) : (
                  <NoValue />
                )}
              </td>
              <td role="cell" data-label="Status">
                <ReminderStatusTag status={reminder.status} />
                {reminder.deliveryStatus !== null && (
                  <>
                    {' '}
                    <DeliveryStatusTag status={reminder.deliveryStatus} />
                  </>
                )}
                {reminder.reason !== null && <span className="reminder-table__reason"> {reminder.reason}</span>}
              </td>
            </tr>
          ))}
      </tbody>
    </table>
    <ShowMoreButton shown={page.shown.length} hidden={page.hidden} what="reminders" onMore={page.more} />
    </>
  );
}

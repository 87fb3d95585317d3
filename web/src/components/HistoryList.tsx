import { Link } from 'react-router';
import type { HistoryItem } from '../api/history';
import { formatInstant } from '../lib/formatInstant';
import { KIND_TEXT, plural, reasonText } from '../lib/historyText';
import { channelText } from '../lib/reminderText';
import { NoValue } from '../pages/NoValue';
import { DeliveryStatusTag } from './DeliveryStatusTag';
import { ReminderStatusTag } from './ReminderStatusTag';

interface HistoryListProps {
  items: readonly HistoryItem[];
  timeZone: string;
  /** Leave out the client column, e.g. on the client's own page. */
  showClient?: boolean;
  empty?: string;
}

/** Reminders and direct messages, newest first: a table on wide screens and cards on a phone. */
export function HistoryList({ items, timeZone, showClient = true, empty = 'Nothing has been sent yet.' }: HistoryListProps) {
  if (items.length === 0) {
    return <p className="muted">{empty}</p>;
  }
  return (
    <table role="table" className="client-table history-table">
      <caption className="visually-hidden">Messages, newest first</caption>
      <thead role="rowgroup">
        <tr role="row">
          {showClient && (
            <th role="columnheader" scope="col">
              Client
            </th>
          )}
          <th role="columnheader" scope="col">Kind</th>
          <th role="columnheader" scope="col">Channel</th>
          <th role="columnheader" scope="col">Status</th>
          <th role="columnheader" scope="col">When</th>
          <th role="columnheader" scope="col">Replies</th>
        </tr>
      </thead>
      <tbody role="rowgroup">
        {items.map((item) => (
          <tr role="row" key={item.id}>
            {showClient && (
              <td role="cell" className="client-table__name">
                {item.clientId !== '' ? (
                  <Link to={`/clients/${encodeURIComponent(item.clientId)}`} dir="auto">
                    {item.clientName}
                  </Link>
                ) : (
                  <span dir="auto">{item.clientName || 'A removed client'}</span>
                )}
              </td>
            )}
            <td role="cell" data-label="Kind">
              {KIND_TEXT[item.kind]}
            </td>
            <td role="cell" data-label="Channel">
              {channelText(item.channel)}
            </td>
            <td role="cell" data-label="Status">
              <span className="client-table__tags">
                <ReminderStatusTag status={item.status} />
                {item.deliveryStatus !== null && item.deliveryStatus !== item.status && <DeliveryStatusTag status={item.deliveryStatus} />}
              </span>
              {item.reason !== null && <span className="reminder-table__reason">{reasonText(item.reason)}</span>}
            </td>
            <td role="cell" data-label="When">
              <When item={item} timeZone={timeZone} />
            </td>
            <td role="cell" data-label="Replies">
              {item.replies === 0 ? <span className="muted">None</span> : plural(item.replies, 'reply', 'replies')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function When({ item, timeZone }: { item: HistoryItem; timeZone: string }) {
  if (item.sentAt !== null) {
    return <time dateTime={item.sentAt}>{formatInstant(item.sentAt, timeZone)}</time>;
  }
  if (item.dueAt !== null) {
    return (
      <span>
        Due <time dateTime={item.dueAt}>{formatInstant(item.dueAt, timeZone)}</time>
      </span>
    );
  }
  return <NoValue />;
}

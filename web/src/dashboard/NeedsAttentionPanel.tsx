import { Link } from 'react-router';
import type { NeedsAttention } from '../api/dashboard';
import { formatInstant } from '../lib/formatInstant';
import { plural } from '../lib/historyText';
import { channelText } from '../lib/reminderText';

/** What the owner should look at: failures with their reasons, calendar events without a client, calendars to reconnect, numbers that bounced, replies not read. */
export function NeedsAttentionPanel({ attention, timeZone }: { attention: NeedsAttention; timeZone: string }) {
  const nothing =
    attention.failedCount === 0 && attention.unmatchedEvents === 0 && attention.calendars.length === 0 && attention.bounced.length === 0 && attention.unreadReplies === 0;
  return (
    <section aria-labelledby="attention-heading" className="card card--roomy dashboard-section">
      <h2 id="attention-heading">Needs your attention</h2>
      {nothing ? (
        <p>Nothing needs your attention: every message in the last 30 days went out, and there is nothing to answer.</p>
      ) : (
        <ul className="attention">
          {attention.calendars.map((calendar) => (
            <li key={calendar.id} className="attention__item attention__item--stop">
              Microsoft no longer lets us read the calendars of {calendar.mailbox}. <Link to="/calendars">Reconnect it</Link>
            </li>
          ))}
          {attention.unmatchedEvents > 0 && (
            <li className="attention__item">
              {plural(attention.unmatchedEvents, 'calendar event has', 'calendar events have')} no client yet. <Link to="/calendars">Choose their clients</Link>
            </li>
          )}
          {attention.unreadReplies > 0 && (
            <li className="attention__item">
              {plural(attention.unreadReplies, 'reply', 'replies')} from clients not read yet. <Link to="/messages">Read replies</Link>
            </li>
          )}
          {attention.bounced.length > 0 && (
            <li className="attention__item">
              Messages to {plural(attention.bounced.length, 'client', 'clients')} could not be delivered; check their numbers:
              <ul>
                {attention.bounced.map((client) => (
                  <li key={client.clientId}>
                    <Link to={`/clients/${client.clientId}`}>{client.clientName}</Link> <span className="muted">{client.reason}</span>
                  </li>
                ))}
              </ul>
            </li>
          )}
          {attention.failedCount > 0 && (
            <li className="attention__item attention__item--stop">
              {plural(attention.failedCount, 'message', 'messages')} failed in the last 30 days:
              <ul>
                {attention.failed.map((message) => (
                  <li key={message.id}>
                    {message.clientId === '' ? message.clientName : <Link to={`/clients/${message.clientId}`}>{message.clientName}</Link>} ({channelText(message.channel)},{' '}
                    <time dateTime={message.at}>{formatInstant(message.at, timeZone)}</time>): {message.reason}
                  </li>
                ))}
              </ul>
              <Link to="/messages/history?status=failed">See every failed message</Link>
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

import { useId } from 'react';
import type { LocalMessage } from '../api/reminders';
import type { ApiData } from '../api/useApiData';
import { LoadProblem } from '../components/LoadProblem';
import { formatInstant } from '../lib/formatInstant';
import { channelText } from '../lib/reminderText';
import { ShowMoreButton, useShowMore } from './ShowMore';

/** Development only: what reminders and replies "sent" to the local outbox say. Absent (404) in production, and then not shown. */
export function LocalOutbox({ outbox, timeZone }: { outbox: ApiData<LocalMessage[] | null>; timeZone: string }) {
  const headingId = useId();
  const { data, error, reload } = outbox;
  const page = useShowMore([...(data ?? [])].sort((a, b) => b.sentAt.localeCompare(a.sentAt)));
  if (data === null && error === null) {
    return null;
  }
  return (
    <section aria-labelledby={headingId} className="local-outbox">
      <h2 id={headingId} className="section-heading">
        Sent locally — not delivered
      </h2>
      <p>This copy of the app sends no real texts or emails; reminders land here instead, newest first.</p>
      <LoadProblem message={error?.message ?? null} onRetry={reload} />
      {data !== null && data.length === 0 && <p className="muted">Nothing has been sent yet.</p>}
      {data !== null && data.length > 0 && (
        <ul className="outbox-list">
          {page.shown.map((message, index) => (
              <li key={`${message.reminderId}:${message.sentAt}:${index}`} className="card outbox-message">
                <p className="outbox-message__meta">
                  <strong>{channelText(message.channel)}</strong> to <span dir="auto">{message.to}</span>,{' '}
                  <time dateTime={message.sentAt}>{formatInstant(message.sentAt, timeZone)}</time>
                </p>
                {message.subject !== null && (
                  <p className="outbox-message__subject" dir="auto">
                    Subject: {message.subject}
                  </p>
                )}
                <p className="message-preview" dir="auto">
                  {message.body}
                </p>
              </li>
            ))}
        </ul>
      )}
      {data !== null && (
        <ShowMoreButton shown={page.shown.length} hidden={page.hidden} what="messages" onMore={page.more} />
      )}
    </section>
  );
}

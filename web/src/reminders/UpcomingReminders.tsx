import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { listUpcomingPage, skipReminder, type Reminder, type UpcomingPage } from '../api/reminders';
import { useApiData } from '../api/useApiData';
import { LiveNotice } from '../components/LiveNotice';
import { Notice } from '../components/Notice';
import { ReminderStatusTag } from '../components/ReminderStatusTag';
import { formatInstant } from '../lib/formatInstant';
import { channelText } from '../lib/reminderText';

/**
 * Scheduled reminders, soonest first, a page at a time ("Show more" adds the next); one skipped here stays listed, marked
 * skipped, until the page reloads.
 */
export function UpcomingReminders({ timeZone }: { timeZone: string }) {
  const { data: page, isLoading, error, replace: replacePage } = useApiData((signal) => listUpcomingPage(null, { signal }), []);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const data = page?.items ?? null;
  const replace = (items: Reminder[]) => replacePage({ items, nextCursor: page?.nextCursor ?? null });

  const showMore = async (current: UpcomingPage) => {
    if (current.nextCursor === null) {
      return;
    }
    setLoadingMore(true);
    setFailure(null);
    try {
      const next = await listUpcomingPage(current.nextCursor);
      const shown = new Set(current.items.map((item) => item.id));
      replacePage({ items: [...current.items, ...next.items.filter((item) => !shown.has(item.id))], nextCursor: next.nextCursor });
      setNotice(`${next.items.length} more ${next.items.length === 1 ? 'reminder' : 'reminders'} shown.`);
    } catch (problem) {
      setFailure(problem instanceof ApiError ? problem.message : 'Something went wrong. Please try again.');
    } finally {
      setLoadingMore(false);
    }
  };

  const skip = async (reminder: Reminder) => {
    setBusyId(reminder.id);
    setNotice(null);
    setFailure(null);
    try {
      const skipped = await skipReminder(reminder.id);
      replace((data ?? []).map((item) => (item.id === skipped.id ? skipped : item)));
      setNotice(`The ${channelText(skipped.channel)} reminder to ${skipped.clientName} will not be sent.`);
    } catch (problem) {
      setFailure(problem instanceof ApiError ? problem.message : 'Something went wrong. Please try again.');
    } finally {
      setBusyId(null);
    }
  };

  return (
    <>
      <p>Times are in your account’s time zone ({timeZone.replaceAll('_', ' ')}).</p>
      <LiveNotice message={notice} />
      {(error ?? failure) !== null && (
        <Notice as="p" role="alert" tone="error">
          {error?.message ?? failure}
        </Notice>
      )}
      {isLoading && data === null && <p role="status">Loading upcoming reminders…</p>}
      {data !== null && data.length === 0 && <p className="muted">No reminders are waiting to go out.</p>}
      {data !== null && data.length > 0 && (
        <ul className="reminder-list" aria-label="Scheduled reminders">
          {[...data]
            .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
            .map((reminder) => {
              const when = formatInstant(reminder.dueAt, timeZone);
              return (
                <li key={reminder.id} className="card reminder-list__item">
                  <p className="reminder-list__what">
                    <Link to={`/appointments/${encodeURIComponent(reminder.appointmentId)}`} dir="auto">
                      {reminder.clientName}
                    </Link>{' '}
                    <span>
                      {channelText(reminder.channel)}, <time dateTime={reminder.dueAt}>{when}</time>
                    </span>{' '}
                    <ReminderStatusTag status={reminder.status} />
                  </p>
                  {reminder.status === 'scheduled' && (
                    <button type="button" className="button button--secondary" disabled={busyId === reminder.id} onClick={() => void skip(reminder)}>
                      {busyId === reminder.id ? 'Skipping…' : 'Skip this one'}
                      <span className="visually-hidden">
                        : {channelText(reminder.channel)} to {reminder.clientName}, {when}
                      </span>
                    </button>
                  )}
                </li>
              );
            })}
        </ul>
      )}
      {page !== null && page.nextCursor !== null && (
        <p>
          <button type="button" className="button button--secondary" disabled={loadingMore} onClick={() => void showMore(page)}>
            {loadingMore ? 'Loading more…' : 'Show more upcoming reminders'}
          </button>
        </p>
      )}
    </>
  );
}

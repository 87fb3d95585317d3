import { useCallback, useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { getLocalOutbox, listReminders, type ReminderFilter } from '../api/reminders';
import { useApiData } from '../api/useApiData';
import { LoadProblem } from '../components/LoadProblem';
import { Page } from '../pages/Page';
import { useMe } from '../session/SessionProvider';
import { LocalOutbox } from './LocalOutbox';
import { ReminderHistory } from './ReminderHistory';
import { ReplyList } from './ReplyList';
import { ReplySimulator } from './ReplySimulator';
import { useReplies } from './useReplies';

type HistoryFilter = Exclude<ReminderFilter, 'scheduled'>;
const FILTERS: { status: HistoryFilter; label: string }[] = [
  { status: 'sent', label: 'Sent' },
  { status: 'failed', label: 'Failed' },
  { status: 'skipped', label: 'Skipped or cancelled' },
];

export function MessagesPage() {
  const { timeZone } = useMe();
  const [params] = useSearchParams();
  const status = FILTERS.find((filter) => filter.status === params.get('status'))?.status ?? 'sent';
  const label = FILTERS.find((filter) => filter.status === status)?.label ?? 'Sent';
  const history = useApiData((signal) => listReminders(status, { signal }), [status]);
  const replies = useReplies();
  // The local outbox and the reply simulator exist together, in development only.
  const outbox = useApiData((signal) => getLocalOutbox({ signal }), []);
  const { refreshUntilNewReply } = replies;
  const reloadOutbox = outbox.reload;
  const replySent = useCallback(async () => {
    const arrived = await refreshUntilNewReply();
    // A STOP, START or HELP reply is answered by text: show that in the outbox too.
    reloadOutbox();
    return arrived;
  }, [refreshUntilNewReply, reloadOutbox]);

  return (
    <Page title="Messages" documentTitle={`${label} · Messages`} intro="What your clients texted back, and reminders that went out, failed or were skipped.">
      <div className="page-actions">
        <Link to="/messages/new" className="button button--link">
          Send a message
        </Link>
        <Link to="/messages/history" className="button button--link button--secondary">
          History
        </Link>
      </div>
      <RepliesSection replies={replies} timeZone={timeZone} />
      {outbox.data !== null && <ReplySimulator onSent={replySent} />}
      <nav aria-label="Show reminders that were" className="status-filter">
        <ul className="status-filter__list">
          {FILTERS.map((filter) => (
            <li key={filter.status}>
              <Link
                to={`/messages?status=${filter.status}`}
                className="status-filter__link"
                aria-current={filter.status === status ? 'page' : undefined}
              >
                {filter.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="reminder-history-heading" aria-busy={history.isLoading}>
        <h2 id="reminder-history-heading" className="section-heading">
          {label} reminders
        </h2>
        <LoadProblem message={history.error?.message ?? null} onRetry={history.reload} />
        {history.isLoading && history.data === null && <p role="status">Loading…</p>}
        {history.data !== null && <ReminderHistory reminders={history.data} status={status} timeZone={timeZone} />}
      </section>
      <LocalOutbox outbox={outbox} timeZone={timeZone} />
    </Page>
  );
}

function RepliesSection({ replies, timeZone }: { replies: ReturnType<typeof useReplies>; timeZone: string }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} aria-busy={replies.isLoading} className="replies">
      <h2 id={headingId} className="section-heading">
        Replies
      </h2>
      <p>
        <Link to="/conversations">Open Conversations</Link> to read each client’s replies with what you sent them, and answer.
      </p>
      <LoadProblem message={replies.error?.message ?? null} onRetry={replies.reload} />
      {replies.isLoading && replies.data === null && <p role="status">Loading replies…</p>}
      {replies.data !== null && <ReplyList replies={replies.data} timeZone={timeZone} onMarkRead={replies.markRead} />}
    </section>
  );
}

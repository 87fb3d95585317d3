import { Link, useSearchParams } from 'react-router';
import { listReminders, type ReminderFilter } from '../api';
import { useApiData } from '../api/useApiData';
import { Page } from '../pages/Page';
import { useMe } from '../session/SessionProvider';
import { LocalOutbox } from './LocalOutbox';
import { ReminderHistory } from './ReminderHistory';

type HistoryFilter = Exclude<ReminderFilter, 'scheduled'>;
const FILTERS: { status: HistoryFilter; label: string }[] = [
  { status: 'sent', label: 'Sent' },
  { status: 'failed', label: 'Failed' },
  { status: 'skipped', label: 'Skipped' },
];

export function MessagesPage() {
  const { timeZone } = useMe();
  const [params] = useSearchParams();
  const status = FILTERS.find((filter) => filter.status === params.get('status'))?.status ?? 'sent';
  const label = FILTERS.find((filter) => filter.status === status)?.label ?? 'Sent';
  const { data, isLoading, error, reload } = useApiData((signal) => listReminders(status, { signal }), [status]);

  return (
    <Page title="Messages" documentTitle={`${label} · Messages`} intro="Reminders that went out, failed or were skipped.">
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
      <section aria-labelledby="reminder-history-heading" aria-busy={isLoading}>
        <h2 id="reminder-history-heading" className="section-heading">
          {label} reminders
        </h2>
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
        {isLoading && data === null && <p role="status">Loading…</p>}
        {data !== null && <ReminderHistory reminders={data} status={status} timeZone={timeZone} />}
      </section>
      <LocalOutbox timeZone={timeZone} />
    </Page>
  );
}

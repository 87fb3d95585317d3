import { useId } from 'react';
import { Link } from 'react-router';
import { listHistory } from '../api/history';
import { useApiData } from '../api/useApiData';
import { HistoryList } from '../components/HistoryList';
import { LoadProblem } from '../components/LoadProblem';

/** One client's reminders and direct messages, newest first, on their page. */
export function ClientHistory({ clientId, timeZone }: { clientId: string; timeZone: string }) {
  const headingId = useId();
  const history = useApiData((signal) => listHistory({ clientId }, { signal }), [clientId]);
  return (
    <section aria-labelledby={headingId} aria-busy={history.isLoading} className="card card--roomy settings-section client-history">
      <h2 id={headingId} className="section-heading">
        Messages
      </h2>
      <LoadProblem message={history.error?.message ?? null} onRetry={history.reload} />
      {history.isLoading && history.data === null && <p role="status">Loading…</p>}
      {history.data !== null && (
        <HistoryList items={history.data} timeZone={timeZone} showClient={false} empty="Nothing has been sent to this client yet." />
      )}
      <p>
        <Link to={`/messages/history?${new URLSearchParams({ client: clientId }).toString()}`}>Filter this client’s messages in History</Link>
      </p>
    </section>
  );
}

import { useCallback, useId, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { getClient, getDailyHistory, listHistory, type HistoryDay, type HistoryFilter, type HistoryItem } from '../api';
import { useApiData, type ApiData } from '../api/useApiData';
import { Page } from '../pages/Page';
import { useMe } from '../session/SessionProvider';
import { DailyChart } from './DailyChart';
import { HistoryFilters, isHistoryStatus, type AppliedFilter } from './HistoryFilters';
import { HistoryList } from './HistoryList';
import { LoadProblem } from './LoadProblem';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter as the address holds it: /messages/history?status=failed&client=…&from=…&to=… */
export function filterFromParams(params: URLSearchParams): HistoryFilter {
  const status = params.get('status');
  const date = (name: string) => {
    const value = params.get(name) ?? '';
    return DATE.test(value) ? value : '';
  };
  return { status: isHistoryStatus(status) ? status : '', clientId: params.get('client') ?? '', from: date('from'), to: date('to') };
}

export function paramsFromFilter({ status = '', clientId = '', from = '', to = '' }: HistoryFilter): URLSearchParams {
  const params = new URLSearchParams();
  if (status !== '') params.set('status', status);
  if (clientId !== '') params.set('client', clientId);
  if (from !== '') params.set('from', from);
  if (to !== '') params.set('to', to);
  return params;
}

export function HistoryPage() {
  const { timeZone } = useMe();
  const [params, setParams] = useSearchParams();
  const filter = filterFromParams(params);
  const { status = '', clientId = '', from = '', to = '' } = filter;
  const history = useApiData((signal) => listHistory({ status, clientId, from, to }, { signal }), [status, clientId, from, to]);
  const daily = useApiData((signal) => getDailyHistory(30, { signal }), []);
  const client = useApiData((signal) => (clientId === '' ? Promise.resolve(null) : getClient(clientId, { signal })), [clientId]);
  const clientName = client.data?.id === clientId ? client.data.name : (history.data?.find((item) => item.clientId === clientId)?.clientName ?? '');
  const applied: AppliedFilter = { ...filter, clientName };
  const isFiltered = status !== '' || clientId !== '' || from !== '' || to !== '';

  const apply = useCallback((next: HistoryFilter) => setParams(paramsFromFilter(next)), [setParams]);

  return (
    <Page title="Message history" documentTitle={isFiltered ? 'Filtered · Message history' : 'Message history'} intro="Every reminder and direct message, newest first, and how many went out each day.">
      <div className="page-actions">
        <Link to="/messages/new" className="button button--link">
          Send a message
        </Link>
        <Link to="/messages" className="button button--link button--secondary">
          Replies and sent reminders
        </Link>
      </div>
      <DailySection daily={daily} />
      <HistorySection history={history} timeZone={timeZone} isFiltered={isFiltered}>
        <HistoryFilters applied={applied} onApply={apply} />
      </HistorySection>
    </Page>
  );
}

function DailySection({ daily }: { daily: ApiData<HistoryDay[]> }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} aria-busy={daily.isLoading} className="history-daily">
      <h2 id={headingId} className="section-heading">
        The last 30 days
      </h2>
      <LoadProblem message={daily.error?.message ?? null} onRetry={daily.reload} />
      {daily.isLoading && daily.data === null && <p role="status">Loading…</p>}
      {daily.data !== null && <DailyChart days={daily.data} />}
    </section>
  );
}

interface HistorySectionProps {
  history: ApiData<HistoryItem[]>;
  timeZone: string;
  isFiltered: boolean;
  children: ReactNode;
}

function HistorySection({ history, timeZone, isFiltered, children }: HistorySectionProps) {
  const headingId = useId();
  const count = history.data?.length ?? 0;
  return (
    <section aria-labelledby={headingId} aria-busy={history.isLoading} className="history-results">
      <h2 id={headingId} className="section-heading">
        Messages
      </h2>
      {children}
      <LoadProblem message={history.error?.message ?? null} onRetry={history.reload} />
      <p role="status" className="client-results__count">
        {history.isLoading && history.data === null
          ? 'Loading…'
          : history.data !== null && countText(count, isFiltered)}
      </p>
      {history.data !== null && (
        <HistoryList items={history.data} timeZone={timeZone} empty={isFiltered ? 'No messages match these filters.' : 'Nothing has been sent yet.'} />
      )}
    </section>
  );
}

function countText(count: number, isFiltered: boolean): string {
  if (!isFiltered) {
    return `${count} ${count === 1 ? 'message' : 'messages'}.`;
  }
  return `${count} ${count === 1 ? 'message matches' : 'messages match'} the filters.`;
}

import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../api/client';
import { getClient } from '../api/clients';
import { getDailyHistory, listHistoryPage, type HistoryDay, type HistoryFilter, type HistoryItem, type HistoryPageResult } from '../api/history';
import { useApiData, type ApiData } from '../api/useApiData';
import { DailyChart } from '../components/DailyChart';
import { HistoryList } from '../components/HistoryList';
import { LoadProblem } from '../components/LoadProblem';
import { Notice } from '../components/Notice';
import { Page } from '../pages/Page';
import { useMe } from '../session/SessionProvider';
import { HistoryFilters, isHistoryStatus, type AppliedFilter } from './HistoryFilters';

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
  const history = useApiData((signal) => listHistoryPage({ status, clientId, from, to }, null, { signal }), [status, clientId, from, to]);
  const daily = useApiData((signal) => getDailyHistory(30, { signal }), []);
  const client = useApiData((signal) => (clientId === '' ? Promise.resolve(null) : getClient(clientId, { signal })), [clientId]);
  const clientName = client.data?.id === clientId ? client.data.name : (history.data?.items.find((item) => item.clientId === clientId)?.clientName ?? '');
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
      <HistorySection history={history} filter={{ status, clientId, from, to }} timeZone={timeZone} isFiltered={isFiltered}>
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
  history: ApiData<HistoryPageResult>;
  filter: HistoryFilter;
  timeZone: string;
  isFiltered: boolean;
  children: ReactNode;
}

function HistorySection({ history, filter, timeZone, isFiltered, children }: HistorySectionProps) {
  const headingId = useId();
  // Older pages, fetched on request and kept below the first until the first page is loaded again (e.g. new filters).
  const [older, setOlder] = useState<{ items: HistoryItem[]; nextCursor: string | null } | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderProblem, setOlderProblem] = useState<string | null>(null);
  useEffect(() => setOlder(null), [history.data]);
  const items = history.data === null ? null : [...history.data.items, ...(older?.items ?? [])];
  const nextCursor = older === null ? (history.data?.nextCursor ?? null) : older.nextCursor;
  const count = items?.length ?? 0;
  const showOlder = useCallback(async () => {
    if (nextCursor === null) {
      return;
    }
    setLoadingOlder(true);
    setOlderProblem(null);
    try {
      const page = await listHistoryPage(filter, nextCursor);
      setOlder((current) => ({ items: [...(current?.items ?? []), ...page.items], nextCursor: page.nextCursor }));
    } catch (error) {
      setOlderProblem(error instanceof ApiError ? error.message : 'The older messages could not be loaded. Please try again.');
    } finally {
      setLoadingOlder(false);
    }
  }, [filter, nextCursor]);
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
          : items !== null && countText(count, isFiltered, nextCursor !== null)}
      </p>
      {items !== null && (
        <HistoryList items={items} timeZone={timeZone} empty={isFiltered ? 'No messages match these filters.' : 'Nothing has been sent yet.'} />
      )}
      {olderProblem !== null && (
        <Notice as="p" role="alert" tone="error">
          {olderProblem}
        </Notice>
      )}
      {nextCursor !== null && (
        <button type="button" className="button button--secondary" onClick={() => void showOlder()} disabled={loadingOlder}>
          {loadingOlder ? 'Loading older messages…' : 'Show older messages'}
        </button>
      )}
    </section>
  );
}

function countText(count: number, isFiltered: boolean, hasOlder: boolean): string {
  if (hasOlder) {
    return isFiltered ? `The newest ${count} messages that match the filters.` : `The newest ${count} messages.`;
  }
  if (!isFiltered) {
    return `${count} ${count === 1 ? 'message' : 'messages'}.`;
  }
  return `${count} ${count === 1 ? 'message matches' : 'messages match'} the filters.`;
}

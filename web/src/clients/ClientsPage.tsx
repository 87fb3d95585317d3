import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DEFAULT_PAGE_SIZE, listClients, type Client, type ClientPage } from '../api/clients';
import { useApiData } from '../api/useApiData';
import { LiveNotice } from '../components/LiveNotice';
import { LoadProblem } from '../components/LoadProblem';
import { useArrivalNotice } from '../components/useArrivalNotice';
import { Page } from '../pages/Page';
import { ClientSearch } from './ClientSearch';
import { ClientSelectionBar } from './ClientSelectionBar';
import { ClientTable } from './ClientTable';
import { Pagination } from './Pagination';

export function ClientsPage() {
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const page = pageFrom(params.get('page'));
  const [notice] = useArrivalNotice();
  // Kept while the owner searches and pages, so clients from several pages can get one message.
  const [selected, setSelected] = useState<ReadonlyMap<string, string>>(new Map());
  const toggle = useCallback((clients: readonly Client[], isSelected: boolean) => {
    setSelected((current) => {
      const next = new Map(current);
      clients.forEach((client) => (isSelected ? next.set(client.id, client.name) : next.delete(client.id)));
      return next;
    });
  }, []);
  const selectedIds = new Set(selected.keys());
  const { data, isLoading, error, reload } = useApiData(
    (signal) => listClients({ search, page, pageSize: DEFAULT_PAGE_SIZE }, { signal }),
    [search, page],
  );

  const searchFor = useCallback(
    (next: string) => setParams(next.trim() === '' ? {} : { search: next.trim() }, { replace: true }),
    [setParams],
  );
  const linkTo = (number: number) => `/clients?${pageParams(search, number)}`;

  return (
    <Page title="Clients" intro="The people you send reminders to.">
      <LiveNotice message={notice} />
      <div className="page-actions">
        <Link to="/clients/new" className="button button--link">
          Add client
        </Link>
        <Link to="/clients/import" className="button button--link button--secondary">
          Import from CSV
        </Link>
      </div>
      <ClientSearch search={search} onSearch={searchFor} />
      <LoadProblem message={error?.message ?? null} onRetry={reload} />
      <section aria-label="Clients found" aria-busy={isLoading} className="client-results">
        <p role="status" className="client-results__count">
          {isLoading && data === null ? 'Loading clients…' : data !== null && resultsSummary(data, search)}
        </p>
        {data !== null && data.items.length > 0 && (
          <>
            <ClientSelectionBar
              pageClients={data.items}
              selected={selected}
              onToggleAll={(isSelected) => toggle(data.items, isSelected)}
              onClear={() => setSelected(new Map())}
            />
            <ClientTable clients={data.items} selection={{ selected: selectedIds, onToggle: (client, isSelected) => toggle([client], isSelected) }} />
          </>
        )}
        {data !== null && data.total === 0 && search === '' && <NoClientsYet />}
        {data !== null && data.total === 0 && search !== '' && (
          <p>
            Check the spelling, or <Link to="/clients">show all clients</Link>.
          </p>
        )}
        {data !== null && data.total > 0 && data.items.length === 0 && (
          <p>
            There is nothing on this page. <Link to={linkTo(1)}>Go to the first page</Link>.
          </p>
        )}
        {data !== null && <Pagination page={page} pageCount={Math.ceil(data.total / Math.max(1, data.pageSize))} linkTo={linkTo} />}
      </section>
    </Page>
  );
}

function NoClientsYet() {
  return (
    <div className="empty-state">
      <h2 className="section-heading">You have no clients yet</h2>
      <p>Add them one at a time, or bring them all in at once from a spreadsheet saved as CSV.</p>
      <ul className="empty-state__actions">
        <li>
          <Link to="/clients/new">Add a client</Link>
        </li>
        <li>
          <Link to="/clients/import">Import from CSV</Link>
        </li>
      </ul>
    </div>
  );
}

export function resultsSummary({ total, page, pageSize, items }: ClientPage, search: string): string {
  if (total === 0 && search === '') {
    return 'No clients yet.';
  }
  const clients = `${total} ${total === 1 ? 'client' : 'clients'}`;
  const found = search === '' ? clients : `${total === 0 ? 'No clients' : clients} found for “${search}”`;
  if (items.length === 0 || total <= pageSize) {
    return `${found}.`;
  }
  const first = (page - 1) * pageSize + 1;
  return `${found}. Showing ${first}–${first + items.length - 1}.`;
}

function pageFrom(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

function pageParams(search: string, page: number): string {
  const params = new URLSearchParams();
  if (search !== '') {
    params.set('search', search);
  }
  if (page > 1) {
    params.set('page', String(page));
  }
  return params.toString();
}

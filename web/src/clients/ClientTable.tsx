import { Link } from 'react-router';
import type { Client } from '../api/clients';
import { NoValue } from '../pages/NoValue';
import { ClientStatusBadge } from './ClientStatusBadge';
import { DuplicateLinks } from './DuplicateLinks';
import { MobileNumber } from './MobileNumber';

/**
 * A table on wide screens; on a phone CSS lays each row out as a card.
 * The explicit roles keep it a table for screen readers whatever the CSS display says.
 */
export interface ClientSelection {
  selected: ReadonlySet<string>;
  onToggle: (client: Client, isSelected: boolean) => void;
}

export function ClientTable({ clients, selection }: { clients: readonly Client[]; selection?: ClientSelection }) {
  const names = new Map(clients.map((client) => [client.id, client.name]));
  return (
    <table role="table" className="client-table">
      <caption className="visually-hidden">Clients, sorted by name</caption>
      <thead role="rowgroup">
        <tr role="row">
          {selection !== undefined && (
            <th role="columnheader" scope="col" className="client-table__select">
              <span className="visually-hidden">Selected</span>
            </th>
          )}
          <th role="columnheader" scope="col">Name</th>
          <th role="columnheader" scope="col">Mobile</th>
          <th role="columnheader" scope="col">Email</th>
          <th role="columnheader" scope="col">Status</th>
        </tr>
      </thead>
      <tbody role="rowgroup">
        {clients.map((client) => (
          <tr role="row" key={client.id}>
            {selection !== undefined && (
              <td role="cell" className="client-table__select">
                <input
                  type="checkbox"
                  checked={selection.selected.has(client.id)}
                  aria-label={`Select ${client.name}`}
                  onChange={(event) => selection.onToggle(client, event.target.checked)}
                />
              </td>
            )}
            <td role="cell" className="client-table__name">
              <Link to={`/clients/${encodeURIComponent(client.id)}`} dir="auto">
                {client.name}
              </Link>
            </td>
            <td role="cell" data-label="Mobile">
              <MobileNumber mobile={client.mobile} display={client.mobileDisplay} problem={client.mobileProblem} />
            </td>
            <td role="cell" data-label="Email" className="client-table__email">
              {client.email ?? <NoValue />}
            </td>
            <td role="cell" data-label="Status">
              <span className="client-table__tags">
                <ClientStatusBadge status={client.status} />
                <DuplicateLinks duplicates={client.duplicates} names={names} />
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

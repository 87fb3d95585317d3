import { useEffect, useState } from 'react';
import { listClients, type Client } from '../api/clients';
import { useApiData } from '../api/useApiData';
import { describedBy, FieldErrorMessages } from '../forms/FieldMessages';
import { CLIENT_STATUS_TEXT } from '../lib/clientStatusText';
import { formatMobile } from '../lib/formatMobile';
import { SEARCH_DELAY_MS } from '../lib/typingPause';
import { FormField } from './FormField';

export interface ChosenClient {
  id: string;
  name: string;
}

interface ClientPickerProps {
  /** The search box's id, so an error summary can send focus there. */
  id: string;
  chosen: ChosenClient | null;
  onChoose: (client: ChosenClient) => void;
  errors?: readonly string[];
}

const RESULTS = 10;

/**
 * The clients matching what the owner types, searched once they pause (anonymised ones left out), and the words for the
 * search's status line.
 */
export function useClientSearch() {
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const { data, isLoading, error } = useApiData((signal) => listClients({ search, pageSize: RESULTS }, { signal }), [search]);
  const found = (data?.items ?? []).filter((client) => client.status !== 'anonymised');
  const status = error !== null ? error.message : isLoading && data === null ? 'Looking for clients…' : resultText(found.length, data?.total ?? 0, search);
  return { typed, setTyped, found, status };
}

/** Searches the clients as the owner types, once they pause; each match is a radio button. */
export function ClientPicker({ id, chosen, onChoose, errors = [] }: ClientPickerProps) {
  const { typed, setTyped, found, status } = useClientSearch();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const statusId = `${id}-status`;
  const choices: ChoiceClient[] =
    chosen === null || found.some((client) => client.id === chosen.id) ? found : [{ id: chosen.id, name: chosen.name }, ...found];

  return (
    <fieldset className={errors.length > 0 ? 'fieldset field--invalid' : 'fieldset'} aria-describedby={describedBy(errors.length > 0 && errorId)}>
      <legend className="fieldset__legend">Client</legend>
      <FieldErrorMessages id={errorId} errors={errors} />
      <FormField
        id={id}
        label="Find a client"
        hint="Type part of their name, mobile number or email address, then choose them below."
        hintId={hintId}
        describedBy={[statusId]}
      >
        {(control) => (
          <input
            {...control}
            type="search"
            value={typed}
            autoComplete="off"
            spellCheck={false}
            // The errors are the fieldset's, shown under its legend.
            aria-invalid={errors.length > 0 ? true : undefined}
            className="field__input"
            onChange={(event) => setTyped(event.target.value)}
          />
        )}
      </FormField>
      <p id={statusId} role="status" className="muted client-choices__status">
        {status}
      </p>
      {choices.length > 0 && (
        <ul className="client-choices">
          {choices.map((client) => (
            <li key={client.id}>
              <label className="checkbox client-choice">
                <input
                  type="radio"
                  name={`${id}-choice`}
                  value={client.id}
                  checked={chosen?.id === client.id}
                  onChange={() => onChoose({ id: client.id, name: client.name })}
                />
                <span>
                  <span dir="auto">{client.name}</span> <ClientContact client={client} />
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

type ChoiceClient = Pick<Client, 'id' | 'name'> & Partial<Pick<Client, 'mobile' | 'email' | 'status'>>;

export function ClientContact({ client }: { client: ChoiceClient }) {
  const contact = [client.mobile != null ? formatMobile(client.mobile) : null, client.email ?? null].filter(
    (value): value is string => value !== null,
  );
  const note = client.status !== undefined && client.status !== 'active' ? `${CLIENT_STATUS_TEXT[client.status]}: nothing is sent to them` : null;
  const parts = note === null ? contact : [...contact, note];
  return parts.length === 0 ? null : <span className="muted client-choice__contact">({parts.join(', ')})</span>;
}

function resultText(shown: number, total: number, search: string): string {
  if (total === 0) {
    return search === '' ? 'You have no clients yet. Add one on the Clients page first.' : `No clients found for “${search}”.`;
  }
  const clients = `${total} ${total === 1 ? 'client' : 'clients'}`;
  const found = search === '' ? clients : `${clients} found for “${search}”`;
  return shown < total ? `${found}. Showing the first ${shown}; type more to narrow it down.` : `${found}.`;
}

import { useCallback, useEffect, useEffectEvent, useState } from 'react';
import { HISTORY_STATUSES, type HistoryFilter, type HistoryStatus } from '../api/history';
import { ClientPicker, type ChosenClient } from '../components/ClientPicker';
import { ErrorSummary } from '../forms/ErrorSummary';
import { errorsFor, validationProblem } from '../forms/formProblem';
import { SelectField } from '../forms/SelectField';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/useFormSubmit';
import { statusText } from '../lib/reminderText';

const FIELDS = {
  status: { id: 'history-status', label: 'Status' },
  clientId: { id: 'history-client', label: 'Client' },
  from: { id: 'history-from', label: 'From' },
  to: { id: 'history-to', label: 'To' },
};

const STATUS_OPTIONS = [{ value: '', label: 'Any status' }, ...HISTORY_STATUSES.map((status) => ({ value: status, label: statusText(status) }))];

export interface AppliedFilter extends HistoryFilter {
  /** Shown for the chosen client; the address holds only the id. */
  clientName?: string;
}

interface HistoryFiltersProps {
  applied: AppliedFilter;
  onApply: (filter: AppliedFilter) => void;
}

/** Status, client and dates; applied together with the button, so the list does not jump while the owner is choosing. */
export function HistoryFilters({ applied, onApply }: HistoryFiltersProps) {
  const [status, setStatus] = useState<string>(applied.status ?? '');
  const [client, setClient] = useState<ChosenClient | null>(clientFrom(applied));
  const [from, setFrom] = useState(applied.from ?? '');
  const [to, setTo] = useState(applied.to ?? '');
  const [isChoosingClient, setIsChoosingClient] = useState(false);

  // The address can change under the form (Back button, a link): show what it says.
  const { status: appliedStatus, clientId: appliedClientId, clientName: appliedClientName, from: appliedFrom, to: appliedTo } = applied;
  // The name arrives after the id; it alone does not reset the form (below), so the reset reads it without waiting on it.
  const appliedClient = useEffectEvent(() => clientFrom({ clientId: appliedClientId, clientName: appliedClientName }));
  useEffect(() => {
    setStatus(appliedStatus ?? '');
    setClient(appliedClient());
    setFrom(appliedFrom ?? '');
    setTo(appliedTo ?? '');
  }, [appliedStatus, appliedClientId, appliedFrom, appliedTo]);
  useEffect(() => {
    setClient((current) => (current !== null && current.id === appliedClientId && appliedClientName ? { ...current, name: appliedClientName } : current));
  }, [appliedClientId, appliedClientName]);

  const validate = useCallback(
    () => validationProblem({ to: from !== '' && to !== '' && to < from && 'The “To” date must be the same as or after the “From” date.' }),
    [from, to],
  );
  const apply = useCallback(async () => {
    setIsChoosingClient(false);
    onApply({
      status: HISTORY_STATUSES.find((candidate) => candidate === status) ?? '',
      clientId: client?.id ?? '',
      clientName: client?.name ?? '',
      from,
      to,
    });
  }, [onApply, status, client, from, to]);
  const { problem, onSubmit } = useFormSubmit(apply, validate);

  return (
    <form role="search" aria-label="Filter the history" noValidate onSubmit={onSubmit} className="history-filters">
      <ErrorSummary problem={problem} fields={FIELDS} />
      <div className="history-filters__row">
        <SelectField {...FIELDS.status} value={status} options={STATUS_OPTIONS} onChange={setStatus} required={false} />
        <TextField {...FIELDS.from} type="date" value={from} onChange={setFrom} required={false} errors={errorsFor(problem, 'from')} />
        <TextField {...FIELDS.to} type="date" value={to} onChange={setTo} required={false} errors={errorsFor(problem, 'to')} />
      </div>
      {client !== null && !isChoosingClient ? (
        <p className="history-filters__client">
          Only <strong dir="auto">{client.name || 'one client'}</strong>{' '}
          <button type="button" className="button button--secondary" onClick={() => setClient(null)}>
            Any client
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setIsChoosingClient(true)}>
            Choose another client
          </button>
        </p>
      ) : isChoosingClient ? (
        <ClientPicker id={FIELDS.clientId.id} chosen={client} onChoose={setClient} />
      ) : (
        <p>
          <button type="button" className="button button--secondary" onClick={() => setIsChoosingClient(true)}>
            Only one client…
          </button>
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button">
          Show messages
        </button>
      </div>
    </form>
  );
}

function clientFrom({ clientId, clientName }: { clientId?: string | undefined; clientName?: string | undefined }): ChosenClient | null {
  return clientId === undefined || clientId === '' ? null : { id: clientId, name: clientName ?? '' };
}

export function isHistoryStatus(value: string | null): value is HistoryStatus {
  return HISTORY_STATUSES.some((status) => status === value);
}

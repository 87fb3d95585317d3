import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { Client } from '../api/clients';
import { MAX_DIRECT_CLIENTS } from '../api/directMessages';
import { newMessagePath, type NewMessageState } from '../lib/newMessage';

interface ClientSelectionBarProps {
  pageClients: readonly Client[];
  /** Id → name of every selected client, on this page or another. */
  selected: ReadonlyMap<string, string>;
  onToggleAll: (isSelected: boolean) => void;
  onClear: () => void;
}

/** "Select all on this page", how many are chosen, and the way to write to them. */
export function ClientSelectionBar({ pageClients, selected, onToggleAll, onClear }: ClientSelectionBarProps) {
  const allRef = useRef<HTMLInputElement>(null);
  const onPage = pageClients.filter((client) => selected.has(client.id)).length;
  const isAll = onPage > 0 && onPage === pageClients.length;
  const isSome = onPage > 0 && !isAll;
  const count = selected.size;
  const tooMany = count > MAX_DIRECT_CLIENTS;

  useEffect(() => {
    if (allRef.current !== null) {
      allRef.current.indeterminate = isSome;
    }
  }, [isSome]);

  const state: NewMessageState = { recipients: [...selected].map(([id, name]) => ({ id, name })) };
  return (
    <div className="selection-bar">
      <label className="checkbox selection-bar__all">
        <input ref={allRef} type="checkbox" checked={isAll} onChange={(event) => onToggleAll(event.target.checked)} />
        <span>Select all on this page</span>
      </label>
      <p role="status" className="selection-bar__count">
        {count === 0 ? 'No clients selected.' : `${count} ${count === 1 ? 'client' : 'clients'} selected.`}
        {tooMany && ` One message can go to at most ${MAX_DIRECT_CLIENTS}.`}
      </p>
      {count > 0 && (
        <div className="selection-bar__actions">
          {!tooMany && (
            <Link to={newMessagePath([...selected.keys()])} state={state} className="button button--link">
              Send a message
            </Link>
          )}
          <button type="button" className="button button--secondary" onClick={onClear}>
            Clear selection
          </button>
        </div>
      )}
    </div>
  );
}

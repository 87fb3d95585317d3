import { useEffect, useRef, useState, type FormEvent } from 'react';
import { SEARCH_DELAY_MS } from '../lib/typingPause';

interface ClientSearchProps {
  search: string;
  onSearch: (search: string) => void;
}

/** Searches as the owner types, once they pause; Enter searches at once. */
export function ClientSearch({ search, onSearch }: ClientSearchProps) {
  const [value, setValue] = useState(search);
  const sent = useRef(search);

  // The address can change under us (Back button, a link): show what it says.
  useEffect(() => {
    if (search !== sent.current) {
      sent.current = search;
      setValue(search);
    }
  }, [search]);

  useEffect(() => {
    if (value === sent.current) {
      return;
    }
    const timer = setTimeout(() => {
      sent.current = value;
      onSearch(value);
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [value, onSearch]);

  const searchNow = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    sent.current = value;
    onSearch(value);
  };

  return (
    <form role="search" className="client-search" onSubmit={searchNow}>
      <label htmlFor="client-search" className="field__label">
        Search clients
      </label>
      <p id="client-search-hint" className="field__hint">
        By name, mobile number or email address.
      </p>
      <div className="client-search__row">
        <input
          id="client-search"
          type="search"
          value={value}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="client-search-hint"
          className="field__input"
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit" className="button button--secondary">
          Search
        </button>
      </div>
    </form>
  );
}

import { ClientContact, useClientSearch } from '../components/ClientPicker';
import { FormField } from '../components/FormField';
import type { Recipient } from '../lib/newMessage';

interface RecipientPickerProps {
  chosen: readonly Recipient[];
  onChange: (recipients: Recipient[]) => void;
}

/** Find clients by name, mobile or email and tick them, right on the message page. */
export function RecipientPicker({ chosen, onChange }: RecipientPickerProps) {
  const { typed, setTyped, found, status } = useClientSearch();
  const chosenIds = new Set(chosen.map((recipient) => recipient.id));

  const toggle = (recipient: Recipient, isChosen: boolean) =>
    onChange(isChosen ? [...chosen, recipient] : chosen.filter((existing) => existing.id !== recipient.id));

  return (
    <fieldset className="fieldset recipient-picker">
      <legend className="fieldset__legend">Choose clients</legend>
      <FormField
        id="recipient-search"
        label="Find a client"
        hint="Type part of their name, mobile number or email address, then tick everyone who should get the message."
        describedBy={['recipient-search-status']}
      >
        {(control) => (
          <input
            {...control}
            type="search"
            value={typed}
            autoComplete="off"
            spellCheck={false}
            className="field__input"
            onChange={(event) => setTyped(event.target.value)}
          />
        )}
      </FormField>
      <p id="recipient-search-status" role="status" className="muted client-choices__status">
        {status}
      </p>
      {found.length > 0 && (
        <ul className="client-choices" aria-label="Clients found">
          {found.map((client) => (
            <li key={client.id}>
              <label className="checkbox client-choice">
                <input
                  type="checkbox"
                  checked={chosenIds.has(client.id)}
                  onChange={(event) => toggle({ id: client.id, name: client.name }, event.target.checked)}
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

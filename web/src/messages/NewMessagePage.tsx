import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { getClient } from '../api/clients';
import { MAX_DIRECT_CLIENTS } from '../api/directMessages';
import { useApiData } from '../api/useApiData';
import { LiveNotice } from '../components/LiveNotice';
import { Notice } from '../components/Notice';
import { plural } from '../lib/historyText';
import { clientIdsFrom, type NewMessageState, type Recipient } from '../lib/newMessage';
import { Page } from '../pages/Page';
import { DirectMessageForm, type SentMessage } from './DirectMessageForm';
import { RecipientPicker } from './RecipientPicker';

/** How many names to look up when the page is opened from a bookmark rather than the clients list. */
const NAMES_TO_LOOK_UP = 10;
const NAMES_SHOWN = 10;

export function NewMessagePage() {
  const [params, setParams] = useSearchParams();
  // Ticked here, the choice is held at once (the address follows in a transition, which would undo a tick for a moment).
  const [picked, setPicked] = useState<Recipient[] | null>(null);
  const clientIds = picked?.map((recipient) => recipient.id) ?? clientIdsFrom(params);
  const location = useLocation();
  const passed = picked ?? (location.state as Partial<NewMessageState> | null)?.recipients;
  const [isPicking, setIsPicking] = useState(clientIds.length === 0);
  // Ticked here: the address keeps the ids (a reload keeps the choice) and the state their names.
  const pick = useCallback(
    (recipients: Recipient[]) => {
      setPicked(recipients);
      const next = recipients.length === 0 ? {} : { clients: recipients.map((recipient) => recipient.id).join(',') };
      const state: NewMessageState = { recipients };
      setParams(next, { replace: true, state });
    },
    [setParams],
  );
  const chosen: Recipient[] = clientIds.map((id) => ({ id, name: (Array.isArray(passed) ? passed : []).find((r) => r.id === id)?.name ?? '' }));
  const [sent, setSent] = useState<SentMessage | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (sent !== null) {
      statusRef.current?.focus();
    }
  }, [sent]);
  const onSent = useCallback((next: SentMessage) => setSent(next), []);

  return (
    <Page title="Send a message" intro="A one-off text or email to the clients you chose, such as a change of opening hours.">
      <LiveNotice
        ref={statusRef}
        tabIndex={-1}
        message={
          sent === null ? null : (
            <>
              <p>
                Your message is on its way to {plural(sent.queued, 'client', 'clients')}. It may take a minute or two to arrive.
              </p>
              <p>
                <Link to="/messages/history">See it in History</Link>
              </p>
            </>
          )
        }
      />
      {sent === null && (isPicking || clientIds.length === 0) && (
        <>
          <RecipientPicker chosen={chosen} onChange={pick} />
          {clientIds.length > 0 && (
            <p>
              <button type="button" className="button button--secondary" onClick={() => setIsPicking(false)}>
                Done choosing: write the message
              </button>
            </p>
          )}
        </>
      )}
      {sent === null && !isPicking && clientIds.length > 0 && (
        <p>
          <button type="button" className="button button--secondary" onClick={() => setIsPicking(true)}>
            Add or remove clients
          </button>
        </p>
      )}
      {sent === null && <Compose clientIds={clientIds} onSent={onSent} />}
      {sent !== null && (
        <p>
          <Link to="/clients">Back to clients</Link>
        </p>
      )}
    </Page>
  );
}

function Compose({ clientIds, onSent }: { clientIds: string[]; onSent: (sent: SentMessage) => void }) {
  if (clientIds.length === 0) {
    return (
      <div className="empty-state">
        <h2 className="section-heading">Choose who gets it first</h2>
        <p>
          Find them above, or on the <Link to="/clients">Clients</Link> page tick the clients you want to write to, then choose “Send a
          message”.
        </p>
      </div>
    );
  }
  if (clientIds.length > MAX_DIRECT_CLIENTS) {
    return (
      <Notice role="alert" tone="error">
        <p>
          You chose {clientIds.length.toLocaleString()} clients; one message can go to at most {MAX_DIRECT_CLIENTS}. Choose fewer on the{' '}
          <Link to="/clients">Clients</Link> page.
        </p>
      </Notice>
    );
  }
  return (
    <>
      <RecipientSummary clientIds={clientIds} />
      <DirectMessageForm clientIds={clientIds} onSent={onSent} />
    </>
  );
}

/** "To 3 clients: Ada Lovelace, Alan Turing and Grace Hopper." */
function RecipientSummary({ clientIds }: { clientIds: readonly string[] }) {
  const { names, isLoading } = useRecipientNames(clientIds);
  const known = clientIds.map((id) => names.get(id)).filter((name): name is string => name !== undefined);
  const shown = known.slice(0, NAMES_SHOWN);
  const others = clientIds.length - shown.length;
  return (
    <section aria-labelledby="direct-recipients-heading" className="direct-recipients">
      <h2 id="direct-recipients-heading" className="section-heading">
        To {plural(clientIds.length, 'client', 'clients')}
      </h2>
      <p id="direct-recipients" tabIndex={-1}>
        {shown.length === 0 ? (
          <span className="muted">{isLoading ? 'Loading their names…' : 'Their names could not be loaded; the preview below still checks each one.'}</span>
        ) : (
          <>
            {shown.map((name, index) => (
              <span key={`${name}:${index}`}>
                {index > 0 && (index === shown.length - 1 && others === 0 ? ' and ' : ', ')}
                <span dir="auto" className="direct-recipients__name">
                  {name}
                </span>
              </span>
            ))}
            {others > 0 && ` and ${plural(others, 'other', 'others')}`}.
          </>
        )}
      </p>
    </section>
  );
}

/** Names from the clients list when the owner came from there; otherwise the first few are looked up one by one. */
function useRecipientNames(clientIds: readonly string[]): { names: Map<string, string>; isLoading: boolean } {
  const location = useLocation();
  const state = location.state as Partial<NewMessageState> | null;
  const passed = new Map((Array.isArray(state?.recipients) ? state.recipients : []).map((recipient) => [recipient.id, recipient.name]));
  const missing = clientIds.filter((id) => !passed.has(id)).slice(0, NAMES_TO_LOOK_UP);
  const key = missing.join(',');
  const { data, isLoading } = useApiData(
    async (signal) => {
      const found = await Promise.all(
        (key === '' ? [] : key.split(',')).map((id) =>
          getClient(id, { signal }).then(
            (client) => [id, client.name] as const,
            () => null,
          ),
        ),
      );
      return found.filter((entry): entry is readonly [string, string] => entry !== null);
    },
    [key],
  );
  return { names: new Map([...passed, ...(data ?? [])]), isLoading };
}

import { useCallback, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { getClient, updateClient, type Client, type ClientDetails, type ClientStatus } from '../api/clients';
import { listRules } from '../api/rules';
import { useApiData } from '../api/useApiData';
import { LiveNotice } from '../components/LiveNotice';
import { Notice } from '../components/Notice';
import { SettingsSection } from '../components/SettingsSection';
import { useArrivalNotice, type NoticeState } from '../components/useArrivalNotice';
import { newMessagePath, type NewMessageState } from '../lib/newMessage';
import { NoValue } from '../pages/NoValue';
import { Page } from '../pages/Page';
import { useMe } from '../session/SessionProvider';
import { ClientAppointments } from './ClientAppointments';
import { ClientForm } from './ClientForm';
import { ClientHistory } from './ClientHistory';
import { ClientMessagingNotes } from './ClientMessagingNotes';
import { ClientStatusBadge } from './ClientStatusBadge';
import { DuplicateNotice } from './DuplicateNotice';
import { MobileNumber } from './MobileNumber';
import { PrivacyActions } from './PrivacyActions';

/** What App.tsx shows of another feature on this page, given the client it is for. */
export interface ClientPageProps {
  /** The conversation with the client, from the conversations feature. */
  conversation?: ((client: { id: string; name: string; status: ClientStatus }) => ReactNode) | undefined;
}

export function ClientPage({ conversation }: ClientPageProps) {
  const { id = '' } = useParams();
  const { data: client, error, replace } = useApiData((signal) => getClient(id, { signal }), [id]);

  if (error?.status === 404) {
    return (
      <Page title="Client not found" intro="There is no such client. They may have been deleted.">
        <p>
          <Link to="/clients">Back to clients</Link>
        </p>
      </Page>
    );
  }
  if (error !== null) {
    return (
      <Page title="Client" intro={error.message}>
        <p>
          <Link to="/clients">Back to clients</Link>
        </p>
      </Page>
    );
  }
  if (client === null || client.id !== id) {
    return (
      <Page title="Client">
        <p role="status">Loading the client…</p>
      </Page>
    );
  }
  return <ClientDetailsPage client={client} onChanged={replace} conversation={conversation} />;
}

function ClientDetailsPage({ client, onChanged, conversation }: { client: Client; onChanged: (client: Client) => void } & ClientPageProps) {
  const me = useMe();
  const navigate = useNavigate();
  const [arrivedWith, dismissArrival] = useArrivalNotice();
  const [saved, setSaved] = useState<string | null>(null);
  const [privacyMessage, setPrivacyMessage] = useState<string | null>(null);
  // Only to warn when a rule's channel cannot reach this client; without them the page simply shows no such warning.
  const rules = useApiData((signal) => listRules({ signal }), []);

  const save = useCallback(
    async (details: ClientDetails) => {
      setSaved(null);
      onChanged(await updateClient(client.id, details));
      setSaved('Your changes have been saved.');
    },
    [client.id, onChanged],
  );
  const changed = useCallback(
    (next: Client, message: string) => {
      setSaved(null);
      dismissArrival();
      onChanged(next);
      setPrivacyMessage(message);
    },
    [onChanged, dismissArrival],
  );
  const deleted = useCallback(
    (name: string) => {
      const state: NoticeState = { notice: `${name} has been deleted, with every reminder and message that named them.` };
      navigate('/clients', { state });
    },
    [navigate],
  );

  const messageState: NewMessageState = { recipients: [{ id: client.id, name: client.name }] };
  return (
    <Page title={client.name} documentTitle={`${client.name} · Clients`}>
      <p>
        <Link to="/clients">Back to clients</Link>
      </p>
      <LiveNotice message={arrivedWith} />
      {client.status !== 'anonymised' && (
        <div className="page-actions">
          <Link to={newMessagePath([client.id])} state={messageState} className="button button--link">
            Send a message
          </Link>
        </div>
      )}
      <div className="client-summary">
        <span>Status:</span> <ClientStatusBadge status={client.status} />
        {client.emailOptedOut && <span className="tag tag--email-opted-out">No emails</span>}
      </div>
      <ClientMessagingNotes client={client} rules={rules.data} />
      <DuplicateNotice duplicates={client.duplicates} />
      {client.mobileProblem !== null && (
        <Notice as="p" role="note">
          Texts may not reach {client.mobileDisplay ?? client.mobile}: {client.mobileProblem} Check the number with your client.
        </Notice>
      )}
      <div className="settings">
        <SettingsSection title="Details">
          {client.status === 'anonymised' ? (
            <AnonymisedDetails client={client} />
          ) : (
            <ClientForm
              key={client.status}
              initial={{ name: client.name, mobile: client.mobileDisplay ?? client.mobile ?? '', email: client.email ?? '' }}
              country={me.country}
              submitLabel="Save changes"
              submittingLabel="Saving…"
              onSave={save}
            />
          )}
          <LiveNotice message={saved} />
        </SettingsSection>
        <ClientAppointments client={{ id: client.id, name: client.name, canBook: client.status !== 'anonymised' }} timeZone={me.timeZone} />
        {conversation?.({ id: client.id, name: client.name, status: client.status })}
        <ClientHistory clientId={client.id} timeZone={me.timeZone} />
        <SettingsSection title="Privacy" tone="danger">
          <LiveNotice message={privacyMessage} />
          <PrivacyActions client={client} onChanged={changed} onDeleted={deleted} />
        </SettingsSection>
      </div>
    </Page>
  );
}

function AnonymisedDetails({ client }: { client: Client }) {
  return (
    <>
      <p>This client has been anonymised: their name and contact details are gone, and nothing is sent to them.</p>
      <dl className="fact-list">
        <div>
          <dt>Mobile number</dt>
          <dd>
            <MobileNumber mobile={client.mobile} />
          </dd>
        </div>
        <div>
          <dt>Email address</dt>
          <dd>{client.email ?? <NoValue />}</dd>
        </div>
      </dl>
    </>
  );
}
